#!/usr/bin/env bash
# The demo on Payara Micro (6 or 7: DEMO_HOME is its jar); see ../README.md for the variables.
# Payara Micro takes the demo's users file as its post-boot command file as it is (create-file-user into its file
# realm), and src/main/payara/pre-boot.asadmin keeps HTTP on 127.0.0.1, the embedded H2 in memory and the data grid off.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# C1 only and the serial collector: Payara Micro boots faster on two cores
# shellcheck disable=SC2086 # DEMO_JAVA_OPTS is a list of options
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m ${DEMO_JAVA_OPTS:-} -jar "${DEMO_HOME:?}" \
  --nocluster \
  --port "${DEMO_PORT:?}" \
  --prebootcommandfile "$here/../../payara/pre-boot.asadmin" \
  --postbootcommandfile "${DEMO_USERS:?}" \
  --deploy "${DEMO_WAR:?}" \
  --contextroot /
