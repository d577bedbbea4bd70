#!/usr/bin/env python3
"""Second-factor sign-ins through the demo cluster's balancer, with two nodes and with one (bench/cluster runs it).

Every benchmark user has an authenticator app (enrolled through the balancer at the start). A round waits for a new
30-s step, then every user signs in at once over --connections connections: the password (POST /mfa/api/login) and
the step's code (POST /mfa/api/verify), so each verification is a real one, with a code not used before. Rounds
alternate between both nodes in HAProxy's rotation and node 2 taken out of it (HAProxy's runtime API, "disable
server"), so that the two set-ups are measured side by side in one run, through the same balancer.

    cluster.py --port=8090 --users=200 --connections=16 --rounds=4 --socket=.../haproxy.sock
"""
import concurrent.futures
import http.cookiejar
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

OPTIONS = dict(arg[2:].split("=", 1) for arg in sys.argv[1:])
PORT = int(OPTIONS.get("port", "8090"))
USERS = int(OPTIONS.get("users", "200"))
CONNECTIONS = int(OPTIONS.get("connections", "16"))
ROUNDS = int(OPTIONS.get("rounds", "4"))
SOCKET = OPTIONS["socket"]
PASSWORD = OPTIONS.get("password", "bench-cluster")
BASE = f"http://127.0.0.1:{PORT}"


def say(text):
    print(f"cluster-bench: {time.strftime('%H:%M:%S')} {text}", flush=True)


def call(opener, method, path, body=None):
    request = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(),
                                     method=method, headers={"Accept": "application/json",
                                                             "Content-Type": "application/json"})
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read() or b"{}"), answer.headers.get("X-Demo-Node")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), error.headers.get("X-Demo-Node")


def client():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def code(secret, at):
    moment = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(at))
    return subprocess.run(["oathtool", "--totp", "--base32", "--now", moment, secret], check=True,
                          capture_output=True, text=True).stdout.strip()


def enrol(user):
    opener = client()
    status, body, _ = call(opener, "POST", "/mfa/api/login", {"username": user, "password": PASSWORD})
    assert status == 200 and body.get("aal") == "aal1", f"{user}: {status} {body}"
    status, body, _ = call(opener, "POST", "/mfa/api/factors/totp", {"label": "bench"})
    assert status == 201, f"{user}: {status} {body}"
    secret = body["secret"]
    # the step before the current one: the first round, in a later step, is then never a replay
    status, body, _ = call(opener, "POST", f"/mfa/api/factors/{body['factorId']}/verify",
                           {"code": code(secret, time.time() - 30)})
    assert status == 200, f"{user} confirms: {status} {body}"
    return user, secret


def sign_in(user, current_code):
    opener = client()
    status, body, _ = call(opener, "POST", "/mfa/api/login", {"username": user, "password": PASSWORD})
    if status != 200 or body.get("status") != "mfa_required":
        return None, f"login {status} {body}", None
    started = time.perf_counter()
    status, body, node = call(opener, "POST", "/mfa/api/verify",
                              {"transactionId": body["transactionId"], "code": current_code})
    took = time.perf_counter() - started
    if status != 200 or body.get("aal") != "aal2":
        return None, f"verify {status} {body}", node
    return took, None, node


def haproxy(command):
    with socket.socket(socket.AF_UNIX) as conn:
        conn.connect(SOCKET)
        conn.sendall((command + "\n").encode())
        return conn.recv(4096).decode().strip()


def round_of(users, nodes):
    haproxy("enable server nodes/node2" if nodes == 2 else "disable server nodes/node2")
    # a fresh step with room for the whole round: every code is new, and stays valid while the round runs
    left = 30 - time.time() % 30
    time.sleep(left + 0.2)
    at = time.time()
    # the codes are made before the clock starts: oathtool's start-up is the client's cost, not the cluster's
    codes = [(user, code(secret, at)) for user, secret in users]
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        results = list(pool.map(lambda u: sign_in(u[0], u[1]), codes))
    wall = time.perf_counter() - started
    failures = [error for _, error, _ in results if error]
    latencies = sorted(took for took, _, _ in results if took is not None)
    served = {}
    for _, _, node in results:
        served[node] = served.get(node, 0) + 1
    return wall, latencies, failures, served


def percentile(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    say(f"enrolling {USERS} users through the balancer")
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        users = list(pool.map(enrol, [f"bench{i}" for i in range(USERS)]))
    figures = {1: {"walls": [], "latencies": [], "failures": 0}, 2: {"walls": [], "latencies": [], "failures": 0}}
    for number in range(ROUNDS * 2):
        nodes = 2 if number % 2 == 0 else 1
        wall, latencies, failures, served = round_of(users, nodes)
        figure = figures[nodes]
        figure["walls"].append(len(latencies) / wall)
        figure["latencies"].extend(latencies)
        figure["failures"] += len(failures)
        say(f"round {number + 1}/{ROUNDS * 2}: {nodes} node(s), {len(latencies)} sign-ins in {wall:.1f} s"
            f" ({len(latencies) / wall:.1f}/s), served by {served}"
            + (f", {len(failures)} failed: {failures[:3]}" if failures else ""))
    haproxy("enable server nodes/node2")
    print()
    print("| nodes behind the balancer | second-factor sign-ins/s (median of rounds, range) | verify p50 (ms) |"
          " verify p99 (ms) | verifications measured | failed |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for nodes in (1, 2):
        f = figures[nodes]
        lat = sorted(f["latencies"])
        print(f"| {nodes} | {statistics.median(f['walls']):.1f} ({min(f['walls']):.1f} to {max(f['walls']):.1f}) |"
              f" {percentile(lat, 50) * 1000:.0f} | {percentile(lat, 99) * 1000:.0f} | {len(lat)} | {f['failures']} |")
    ratio = statistics.median(figures[2]["walls"]) / statistics.median(figures[1]["walls"])
    print()
    print(f"cluster-bench: 2 nodes / 1 node, sign-ins per second: {ratio:.2f}")
    if figures[1]["failures"] or figures[2]["failures"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
