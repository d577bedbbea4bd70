#!/usr/bin/env bash
# The demo on GlassFish; see ../README.md for the variables.
# A copy of the unpacked server's domain1 in DEMO_WORK is this run's domain, edited before it first starts so that
# nothing listens beyond 127.0.0.1: HTTP at DEMO_PORT, the HTTPS listener off, the admin port (4848), IIOP, JMX and
# the JMS broker's port (7676: GlassFish binds it on every interface when its host is "localhost") on loopback. Its
# docroot is emptied, so that / answers 200 only once the demo is deployed there. java:comp/DefaultDataSource (jdbc/__default) is H2 in memory (the driver the build put next to the
# domains), not GlassFish's Derby network server that nobody starts and Flyway cannot migrate. Once the domain runs,
# asadmin runs the users file as it is (create-file-user into the file realm) and deploys the WAR at /.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${DEMO_HOME:?}
work=${DEMO_WORK:?}
port=${DEMO_PORT:?}
asadmin=("$home/bin/asadmin" --interactive=false)

xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }

rm -rf "$work" && mkdir -p "$work"
cp -r "$home/glassfish/domains/domain1" "$work/domain1"
cp "$home"/glassfish/domains/h2/*.jar "$work/domain1/lib/"
rm -rf "$work/domain1/docroot"/*
config="$work/domain1/config/domain.xml"
jvm="<jvm-options>-XX:TieredStopAtLevel=1</jvm-options><jvm-options>-XX:+UseSerialGC</jvm-options>"
# shellcheck disable=SC2086 # DEMO_JAVA_OPTS is a list of options
for option in ${DEMO_JAVA_OPTS:-}; do
  jvm+="<jvm-options>$(xml "$option")</jvm-options>"
done
pool='<jdbc-connection-pool name="TollgateDemoPool" datasource-classname="org.h2.jdbcx.JdbcDataSource" res-type="javax.sql.DataSource"><property name="URL" value="jdbc:h2:mem:tollgate-demo;DB_CLOSE_DELAY=-1"></property></jdbc-connection-pool>'
# Only the running configuration (server-config, the first <config>) is edited, not the template after it.
sed -i \
  -e '1,/<\/config>/s/address="0\.0\.0\.0"/address="127.0.0.1"/g' \
  -e "1,/<\/config>/s|<network-listener port=\"8080\"|<network-listener address=\"127.0.0.1\" port=\"$port\"|" \
  -e '1,/<\/config>/s|<network-listener port="8181"|<network-listener enabled="false" address="127.0.0.1" port="8181"|' \
  -e '1,/<\/config>/s|<network-listener port="4848"|<network-listener address="127.0.0.1" port="4848"|' \
  -e "1,/<\/config>/s|\(<java-config [^>]*>\)|\1$(sed 's/[&|\\]/\\&/g' <<<"$jvm")|" \
  -e 's|<jdbc-resource pool-name="DerbyPool" jndi-name="jdbc/__default"|<jdbc-resource pool-name="TollgateDemoPool" jndi-name="jdbc/__default"|' \
  -e "s|</resources>|$pool</resources>|" \
  -e '1,/<\/config>/s|</config>|<jms-service default-jms-host="default_JMS_host" type="EMBEDDED"><jms-host port="7676" host="127.0.0.1" name="default_JMS_host"></jms-host></jms-service></config>|' \
  "$config"
grep -q 'pool-name="TollgateDemoPool" jndi-name="jdbc/__default"' "$config" && grep -q "port=\"$port\"" "$config" || {
  echo "glassfish: domain.xml is not as expected; see $config" >&2
  exit 1
}

stop() {
  trap '' INT TERM
  "${asadmin[@]}" stop-domain --domaindir "$work" domain1 >/dev/null 2>&1 || true
  exit 0
}
trap stop INT TERM
"${asadmin[@]}" start-domain --domaindir "$work" domain1
"${asadmin[@]}" multimode --file "${DEMO_USERS:?}"
"${asadmin[@]}" deploy --contextroot / --name ROOT "${DEMO_WAR:?}"
source "$here/../users.sh"
demo_wait_for "$(cat "$work/domain1/config/pid")"
echo "glassfish: the domain stopped" >&2
exit 1
