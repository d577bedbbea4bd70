#!/usr/bin/env bash
# The cluster tests (issue 14): starts `DEMO_NODES=2 ./demo` exactly as a newcomer would (a throwaway PostgreSQL, two
# Payara Micro nodes in one data grid, HAProxy round robin without stickiness), runs curl's journey through the
# balancer, then cluster_test.py (Python and oathtool) against the balancer and each node, and stops ./demo with
# SIGTERM, checking that it leaves no process behind. Run it in a loopback-only network namespace, as .ci/run does:
#
#   unshare --net bash -c "ip link set lo up && bash webapp/src/test/cluster/run.sh"
#
# Needs what DEMO_NODES=2 ./demo needs (postgresql, haproxy), plus python3, curl and oathtool. DEMO_PORT as for ./demo.
set -uo pipefail
cd "$(dirname "$0")/../../../.."
port="${DEMO_PORT:-8080}"
work=webapp/target/work/demo-cluster
log=webapp/target/cluster-demo.log
mkdir -p webapp/target
start=$(date +%s)

DEMO_PORT="$port" DEMO_NODES=2 ./demo >"$log" 2>&1 &
demo=$!
until grep -q "Tollgate demo ready" "$log" 2>/dev/null; do
  if ! kill -0 "$demo" 2>/dev/null; then
    echo "cluster: DEMO_NODES=2 ./demo stopped before it was ready:"
    tail -30 "$log"
    tail -30 "$work"/node*/console.log 2>/dev/null
    exit 1
  fi
  sleep 2
done
echo "cluster: DEMO_NODES=2 ./demo ready after $(($(date +%s) - start)) s"

status=0
bash webapp/src/test/sh/curl-journey.sh "http://127.0.0.1:$port" carol carol-demo --recovery \
  >webapp/target/cluster-journey.log 2>&1 || status=1
if ((status)); then
  echo "cluster: curl's journey through the balancer failed:"
  tail -30 webapp/target/cluster-journey.log
else
  nodes=$(grep -o "node[0-9]:" webapp/target/cluster-journey.log | sort | uniq -c | tr -s ' ' | paste -sd, -)
  echo "cluster: ok: curl's journey (enrolment, sign-in, replay refused, recovery codes) through the balancer, requests" \
    "answered by:$nodes"
  python3 webapp/src/test/cluster/cluster_test.py "$port" "$PWD/$work/postgres" || status=1
fi

kill -TERM "$demo" 2>/dev/null
wait "$demo"
stopped=$?
left=$(pgrep -af "demo-cluster" | grep -v pgrep || true)
if ((stopped != 0)) || [[ -n "$left" ]]; then
  echo "cluster: ./demo did not stop cleanly on SIGTERM (exit $stopped); left: ${left:-nothing}"
  status=1
else
  echo "cluster: ./demo stopped on SIGTERM with everything it started"
fi
if ((status)); then
  echo "cluster: node logs end:"
  for f in "$work"/node*/console.log; do echo "== $f"; tail -20 "$f"; done
fi
echo "cluster: $( ((status)) && echo FAILED || echo passed) in $(($(date +%s) - start)) s"
exit $status
