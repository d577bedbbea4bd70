#!/usr/bin/env bash
# Writes the Open Liberty server "tollgate" for the in-container tests:
# - a basicRegistry with the tests' users, groups and password, read from the Payara boot file
#   src/test/payara/post-boot.asadmin (one source for every server); a role is the group of the same name;
# - java:comp/DefaultDataSource, which Liberty does not define: H2 in memory (the driver copied by the build into
#   usr/shared/resources/h2), so every start begins afresh, like Payara Micro's;
# - the features the tests' applications use (Tollgate itself needs servlet, cdi, appSecurity, persistence and jsonp;
#   restfulWS and enterpriseBeansLite are for the test applications, localConnector for Arquillian), and HTTP on 127.0.0.1 only.
# Run by `mvn -Pliberty verify` after the server is unpacked (nothing is started).
#
#   bash src/test/servers/liberty/setup.sh target/servers/wlp
set -euo pipefail
home=${1:?usage: setup.sh LIBERTY_HOME}
cd "$(dirname "$0")/../../../.."

password=$(sed -n 's/^AS_ADMIN_USERPASSWORD=//p' src/test/payara/users.pw)
server="$home/usr/servers/tollgate"
mkdir -p "$server"

declare -A members=()
users=""
while read -r _ _ groups _ _ user; do
  users+="    <user name=\"$user\" password=\"$password\"/>"$'\n'
  for group in ${groups//:/ }; do
    members[$group]+="      <member name=\"$user\"/>"$'\n'
  done
done < <(grep '^create-file-user' src/test/payara/post-boot.asadmin)
groups=""
for group in "${!members[@]}"; do
  groups+="    <group name=\"$group\">"$'\n'"${members[$group]}    </group>"$'\n'
done

cat > "$server/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- written by src/test/servers/liberty/setup.sh: edit that instead -->
<server description="Tollgate in-container tests">
  <featureManager>
    <feature>servlet-6.0</feature>
    <feature>cdi-4.0</feature>
    <feature>appSecurity-5.0</feature>
    <feature>persistence-3.1</feature>
    <feature>jsonp-2.1</feature>
    <feature>restfulWS-3.1</feature>
    <feature>enterpriseBeansLite-4.0</feature>
    <feature>faces-4.0</feature>
    <feature>localConnector-1.0</feature>
  </featureManager>

  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="8080" httpsPort="-1"/>
  <applicationManager autoExpand="true"/>

  <basicRegistry id="basic" realm="file">
$users$groups  </basicRegistry>

  <library id="h2">
    <fileset dir="\${shared.resource.dir}/h2" includes="*.jar"/>
  </library>
  <dataSource id="DefaultDataSource">
    <jdbcDriver libraryRef="h2" javax.sql.DataSource="org.h2.jdbcx.JdbcDataSource"/>
    <properties URL="jdbc:h2:mem:tollgate;DB_CLOSE_DELAY=-1"/>
  </dataSource>
</server>
XML
echo "liberty: $server/server.xml with $(grep -c '<user ' "$server/server.xml") users"
