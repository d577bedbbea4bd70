#!/usr/bin/env bash
# The demo on Payara Micro (6 or 7: DEMO_HOME is its jar); see ../README.md for the variables.
# Payara Micro takes the demo's users file as its post-boot command file as it is (create-file-user into its file
# realm), and src/main/payara/pre-boot.asadmin keeps HTTP on 127.0.0.1, the embedded H2 in memory and the data grid off.
# With DEMO_GRID_PORT (a node of cluster.sh) the instance joins the data grid of DEMO_GRID_MEMBERS instead, on
# 127.0.0.1 only, and adds DEMO_LIBS (the JDBC driver) to its class path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ -n "${DEMO_GRID_PORT:-}" ]]; then
  # Discovery by the members' addresses (tcpip), not multicast, and every socket of the grid bound to 127.0.0.1:
  # --interfaces picks the address the grid announces, hazelcast.socket.bind.any=false stops it listening on all.
  # --nohostaware: all nodes share one address, and host-aware partitioning would keep no backup of a session on
  # another node. The access log shows which node answered which request.
  grid=(--clustername tollgate-demo --clustermode "tcpip:${DEMO_GRID_MEMBERS:?}" --interfaces 127.0.0.1
    --startport "$DEMO_GRID_PORT" --nohostaware --name "$(basename "${DEMO_WORK:?}")"
    --accesslog "$DEMO_WORK/access" ${DEMO_LIBS:+--addlibs "$DEMO_LIBS"}
    --prebootcommandfile "$here/../../payara/cluster-pre-boot.asadmin")
  grid_opts=-Dhazelcast.socket.bind.any=false
else
  grid=(--nocluster --prebootcommandfile "$here/../../payara/pre-boot.asadmin")
  grid_opts=
fi
# C1 only and the serial collector: Payara Micro boots faster on two cores
# shellcheck disable=SC2086 # DEMO_JAVA_OPTS is a list of options
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m $grid_opts ${DEMO_JAVA_OPTS:-} -jar "${DEMO_HOME:?}" \
  "${grid[@]}" \
  --port "${DEMO_PORT:?}" \
  --postbootcommandfile "${DEMO_USERS:?}" \
  --deploy "${DEMO_WAR:?}" \
  --contextroot /
