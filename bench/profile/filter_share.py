#!/usr/bin/env python3
"""Where the Tollgate filter's time goes, from a JFR recording of the load benchmark's server.

    BENCH_SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/page.jfr,settings=profile" bench/load ...
    jfr print --events jdk.ExecutionSample --stack-depth 96 /tmp/page.jfr | python3 bench/profile/filter_share.py

Counts the CPU samples of the server's request threads, and among them those inside TollgateFilter but not inside the
application's part of the chain that it calls (the filter's own cost), grouped by the first frame Tollgate calls and
by the frame that was running. Samples are taken at random moments, so the shares are estimates; with thousands of
samples they are good to a percent.
"""
import collections
import re
import sys

FILTER = "dev.tollgate.web.TollgateFilter."
# frames of the rest of the chain, which the filter calls: below one of them the application or the server works
CHAIN = re.compile(r"(ApplicationFilterChain\.(doFilter|internalDoFilter)|FilterChain.*\.doFilter)")


def samples(lines):
    stack, in_stack, thread = [], False, ""
    for line in lines:
        line = line.strip()
        if line.startswith("sampledThread"):
            thread = line
        elif line.startswith("stackTrace = ["):
            in_stack, stack = True, []
        elif in_stack and line == "]":
            in_stack = False
            yield thread, stack
        elif in_stack and line and line != "...":
            stack.append(re.sub(r"\s+line:.*$", "", line))


def main():
    total = 0
    own = 0
    in_chain = 0
    by_callee = collections.Counter()
    by_top = collections.Counter()
    for thread, stack in samples(sys.stdin):
        if "http-thread-pool" not in thread:
            continue
        total += 1
        filters = [i for i, frame in enumerate(stack) if frame.startswith(FILTER)]
        if not filters:
            continue
        # the filter frame nearest the top: the pass that runs now (a forward to a JSP runs the filter again,
        # inside the request's pass); a chain frame above it means the application or the server is working
        inner = min(filters)
        above = stack[:inner]
        if any(CHAIN.search(frame) for frame in above):
            in_chain += 1
            continue
        own += 1
        callee = above[-1] if above else stack[inner]
        by_callee[callee] += 1
        by_top[stack[0]] += 1
    print(f"request-thread samples: {total}")
    if not total:
        return
    print(f"inside the filter, in the rest of the chain (application and server): {in_chain}"
          f" ({100 * in_chain / total:.1f} %)")
    print(f"inside the filter, its own work: {own} ({100 * own / total:.1f} %)")
    print("\nthe filter's own work by the first call it makes (samples, share of its own work):")
    for frame, count in by_callee.most_common(15):
        print(f"  {count:6d} {100 * count / max(own, 1):5.1f} %  {frame}")
    print("\nby the frame that was running:")
    for frame, count in by_top.most_common(15):
        print(f"  {count:6d} {100 * count / max(own, 1):5.1f} %  {frame}")


if __name__ == "__main__":
    main()
