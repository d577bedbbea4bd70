#!/usr/bin/env bash
# Configures GlassFish's domain1 for the in-container tests, once (a marker file records it):
# - the file realm gets the tests' users, groups and password: the Payara boot file src/test/payara/post-boot.asadmin
#   (create-file-user commands, filtered into target/payara by the build) runs as it is;
# - java:comp/DefaultDataSource (jdbc/__default) points at H2 in memory (the driver copied by the build into the
#   domain's lib/) instead of the Derby network server on port 1527 that GlassFish expects someone to start with
#   `asadmin start-database`: no second process and no port, every start begins afresh, and it is the database the
#   tests meet on Payara, WildFly and Liberty too (the test applications' own SQL is H2's);
# - every listener (HTTP, HTTPS, admin, IIOP, JMX) binds 127.0.0.1 only;
# - the server's JVM runs C1 only with the serial collector, as Payara Micro and WildFly do in the tests: a domain
#   starts once per test class, and on two cores that start is most of a test class's time.
# Run by `mvn -Pglassfish verify` after the server is unpacked, inside the loopback-only namespace (it starts the
# domain): skipped with -DskipITs.
#
#   bash src/test/servers/glassfish/setup.sh target/servers/glassfish7 target/payara/post-boot.asadmin
set -euo pipefail
home=${1:?usage: setup.sh GLASSFISH_HOME USERS_COMMAND_FILE}
users=${2:?usage: setup.sh GLASSFISH_HOME USERS_COMMAND_FILE}
marker="$home/.tollgate-test-setup"
[[ -f "$marker" ]] && exit 0

asadmin="$home/bin/asadmin"
commands=$(mktemp)
trap 'rm -f "$commands"' EXIT
cat "$users" > "$commands"
cat >> "$commands" <<'COMMANDS'
create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource TollgateTestPool
set resources.jdbc-connection-pool.TollgateTestPool.property.URL=jdbc:h2:mem:tollgate;DB_CLOSE_DELAY=-1
set resources.jdbc-resource.jdbc/__default.pool-name=TollgateTestPool
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-2.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.admin-listener.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.orb-listener-1.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.SSL.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.SSL_MUTUALAUTH.address=127.0.0.1
set configs.config.server-config.admin-service.jmx-connector.system.address=127.0.0.1
create-jvm-options -XX\\:TieredStopAtLevel=1:-XX\\:+UseSerialGC
COMMANDS
"$asadmin" start-domain domain1
status=0
"$asadmin" multimode --file "$commands" || status=$?
# multimode goes on after a failed command: check that the last effects are there
"$asadmin" get resources.jdbc-resource.jdbc/__default.pool-name | grep -q '=TollgateTestPool$' || status=1
"$asadmin" stop-domain domain1
((status == 0)) && touch "$marker"
exit $status
