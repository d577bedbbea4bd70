#!/usr/bin/env bash
# The demo on Open Liberty; see ../README.md for the variables.
# This run's server "demo" lives in DEMO_WORK (WLP_USER_DIR): a server.xml with the features the demo and Tollgate
# use, a basicRegistry with the demo's users (a role is the group of the same name), java:comp/DefaultDataSource on
# H2 in memory (Liberty defines none; the driver is the one the build put in DEMO_HOME/usr/shared/resources/h2), the
# WAR at /, and HTTP on 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../users.sh"
home=${DEMO_HOME:?}
work=${DEMO_WORK:?}

xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }

rm -rf "$work" && mkdir -p "$work/servers/demo"
declare -A members=()
users=""
while read -r name password groups; do
  users+="    <user name=\"$(xml "$name")\" password=\"$(xml "$password")\"/>"$'\n'
  for group in ${groups//:/ }; do
    members[$group]+="      <member name=\"$(xml "$name")\"/>"$'\n'
  done
done < <(demo_users)
registry=""
for group in "${!members[@]}"; do
  registry+="    <group name=\"$(xml "$group")\">"$'\n'"${members[$group]}    </group>"$'\n'
done

cat > "$work/servers/demo/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- written by webapp/src/main/servers/liberty/start.sh at every start: edit that instead -->
<server description="Tollgate demo">
  <featureManager>
    <feature>servlet-6.0</feature>
    <feature>pages-3.1</feature>
    <feature>cdi-4.0</feature>
    <feature>appSecurity-5.0</feature>
    <feature>persistence-3.1</feature>
    <feature>jsonp-2.1</feature>
  </featureManager>

  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${DEMO_PORT:?}" httpsPort="-1"/>

  <basicRegistry id="basic" realm="file">
$users$registry  </basicRegistry>

  <library id="h2">
    <fileset dir="$(xml "$home/usr/shared/resources/h2")" includes="*.jar"/>
  </library>
  <dataSource id="DefaultDataSource">
    <jdbcDriver libraryRef="h2" javax.sql.DataSource="org.h2.jdbcx.JdbcDataSource"/>
    <properties URL="jdbc:h2:mem:tollgate-demo;DB_CLOSE_DELAY=-1"/>
  </dataSource>

  <webApplication location="$(xml "${DEMO_WAR:?}")" contextRoot="/"/>
</server>
XML
{
  printf '%s\n' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m
  # shellcheck disable=SC2086 # DEMO_JAVA_OPTS is a list of options
  [[ -n "${DEMO_JAVA_OPTS:-}" ]] && printf '%s\n' ${DEMO_JAVA_OPTS}
} > "$work/servers/demo/jvm.options"

export WLP_USER_DIR="$work"
# `server run` keeps Liberty in the foreground and stops it cleanly on SIGTERM and SIGINT
exec "$home/bin/server" run demo
