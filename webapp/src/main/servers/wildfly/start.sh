#!/usr/bin/env bash
# The demo on WildFly; see ../README.md for the variables.
# A copy of the unpacked server's standalone/ in DEMO_WORK is this run's server: its application realm (the
# properties files behind the security domain "other" that a web.xml login uses) gets the demo's users, their groups
# as roles; the demo WAR is deployed at / in place of WildFly's welcome page. Every socket binds 127.0.0.1, the HTTP
# one at DEMO_PORT and the others (management 9990, HTTPS 8443, transaction recovery) moved by the same offset.
# The default data source is WildFly's own ExampleDS, H2 in memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../users.sh"
home=${DEMO_HOME:?}
work=${DEMO_WORK:?}
port=${DEMO_PORT:?}

rm -rf "$work" && mkdir -p "$work"
cp -r "$home/standalone" "$work/standalone"
config="$work/standalone/configuration"
# the application at / instead of the welcome page
sed -i '/<location name="\/" handler="welcome-content"\/>/d' "$config/standalone.xml"
# The properties realm's format: user=hex(MD5(user:ApplicationRealm:password)), and user=role,role. Written here
# rather than with add-user.sh, which starts a JVM per user.
while read -r name password groups; do
  hash=$(printf '%s' "$name:ApplicationRealm:$password" | md5sum | cut -d' ' -f1)
  printf '%s=%s\n' "$name" "$hash" >> "$config/application-users.properties"
  printf '%s=%s\n' "$name" "${groups//:/,}" >> "$config/application-roles.properties"
done < <(demo_users)
cp "${DEMO_WAR:?}" "$work/standalone/deployments/ROOT.war"

# LAUNCH_JBOSS_IN_BACKGROUND: standalone.sh then passes SIGTERM and SIGINT on to the server, which stops cleanly
export LAUNCH_JBOSS_IN_BACKGROUND=true
export JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Djava.net.preferIPv4Stack=true ${DEMO_JAVA_OPTS:-}"
exec "$home/bin/standalone.sh" -Djboss.server.base.dir="$work/standalone" -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.socket.binding.port-offset=$((port - 8080))
