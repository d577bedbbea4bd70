#!/usr/bin/env bash
# The demo on several Payara Micro 6 nodes (DEMO_NODES=2 ./demo, 2 to 4 nodes): a throwaway PostgreSQL, the nodes
# clustered through Payara's data grid (Hazelcast) so that sessions are replicated, and HAProxy in front doing round
# robin without sticky sessions, so that consecutive requests of one user land on different nodes. Everything on
# 127.0.0.1. Reads the variables of ../README.md, and DEMO_NODES; runs in the foreground until SIGTERM or SIGINT,
# then stops all it started.
#
#   DEMO_PORT       the balancer (8080); node i listens on DEMO_PORT+i, its data grid on 6900+i
#   DEMO_WORK       postgres/ (data, server.log), node<i>/ (console.log, access/), haproxy.cfg, haproxy.log
#
# Needs PostgreSQL (Debian: postgresql) and HAProxy (haproxy) installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd) # the repository, for .ci/postgres
nodes="${DEMO_NODES:?}"
port="${DEMO_PORT:?}"
work="${DEMO_WORK:?}"
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
db_port=5433

if ! [[ "$nodes" =~ ^[2-4]$ ]]; then
  echo "cluster: DEMO_NODES must be 2, 3 or 4, not '$nodes'" >&2
  exit 2
fi
if [[ ! -x "$haproxy" ]] || ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "cluster: needs HAProxy and PostgreSQL installed (Debian: apt-get install haproxy postgresql)" >&2
  exit 2
fi
rm -rf "$work" && mkdir -p "$work"

pids=()
stopping=false
stop() {
  $stopping && return
  stopping=true
  trap '' INT TERM
  echo "cluster: stopping the balancer, $nodes nodes and PostgreSQL..."
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  bash "$root/.ci/postgres" "$work/postgres" stop || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

echo "cluster: starting PostgreSQL on 127.0.0.1:$db_port (data in $work/postgres)..."
bash "$root/.ci/postgres" "$work/postgres" "$db_port" >/dev/null

# Each node gets the demo's users and a connection pool to that database, which Tollgate uses through the system
# property tollgate.dataSource (system properties come before the WAR's context parameters). Validation keeps
# connections that died with the database out of the pool once it is back (see the README): with JDBC 4's
# Connection.isValid, which asks the database, since
# 'meta-data' validation never reaches PostgreSQL's driver's socket, and with fail-all-connections, so that the first
# dead connection found drops the rest at once. The method is given in the same command: Payara refuses to turn
# validation on while the method is still the default 'table'.
cat "${DEMO_USERS:?}" - >"$work/post-boot.asadmin" <<EOF
create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource --isconnectvalidatereq=true --validationmethod=custom-validation --validationclassname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation --failconnection=true --property serverName=127.0.0.1:portNumber=$db_port:databaseName=tollgate:user=tollgate:password=tollgate tollgate-pg
create-jdbc-resource --connectionpoolid tollgate-pg jdbc/tollgate
EOF

members=$(for i in $(seq "$nodes"); do printf '127.0.0.1:%d,' $((6900 + i)); done)
members=${members%,}
for i in $(seq "$nodes"); do
  mkdir -p "$work/node$i/access"
  DEMO_PORT=$((port + i)) DEMO_WORK="$work/node$i" DEMO_USERS="$work/post-boot.asadmin" \
    DEMO_GRID_PORT=$((6900 + i)) DEMO_GRID_MEMBERS="$members" DEMO_LIBS="${DEMO_LIBS:?}" \
    DEMO_JAVA_OPTS="-Dtollgate.dataSource=jdbc/tollgate ${DEMO_JAVA_OPTS:-}" \
    bash "$here/start.sh" >"$work/node$i/console.log" 2>&1 &
  pids+=($!)
  echo "cluster: node$i starting on 127.0.0.1:$((port + i)), data grid on 127.0.0.1:$((6900 + i))" \
    "(log: $work/node$i/console.log)"
done

# A node is ready when its own start page answers 200; the balancer starts once all are, so that from the first
# request on, round robin really alternates.
answers200() {
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 5 status <&3 || status=""
  exec 3<&-
  [[ "$status" == *" 200 "* ]]
}
for i in $(seq "$nodes"); do
  until answers200 $((port + i)) 2>/dev/null; do
    if ! kill -0 "${pids[i - 1]}" 2>/dev/null; then
      echo "cluster: node$i stopped before it was ready; see $work/node$i/console.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "cluster: node$i ready"
done

# Round robin, no stickiness: no cookie insertion, no balance by source or by cookie. The health check (a static
# file, so that it makes no session) takes a node that died out of the rotation within two seconds; until then a
# request that cannot connect to it is sent to another node (redispatch), so a dead node costs a user nothing.
# X-Demo-Node and the log say which node answered.
{
  cat <<EOF
global
    maxconn 512
    # the runtime API, for bench/cluster: it takes node 2 out of the rotation and back, between rounds
    stats socket $work/haproxy.sock mode 600 level admin
defaults
    mode http
    log stdout format raw local0
    option httplog
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    retries 2
    option redispatch 1
frontend demo
    bind 127.0.0.1:$port
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /css/expenses.css
    http-response set-header X-Demo-Node %[srv_name]
EOF
  for i in $(seq "$nodes"); do
    echo "    server node$i 127.0.0.1:$((port + i)) check inter 1s fall 2"
  done
} >"$work/haproxy.cfg"
"$haproxy" -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
echo "cluster: HAProxy on 127.0.0.1:$port, round robin over $nodes nodes (log: $work/haproxy.log)"

# wait returns early when a signal arrives (the trap stops everything); a node that dies leaves the others serving
while kill -0 "${pids[-1]}" 2>/dev/null; do
  wait "${pids[-1]}" || true
done
echo "cluster: HAProxy stopped" >&2
exit 1
