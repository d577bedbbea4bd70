#!/usr/bin/env bash
# Gives WildFly's application realm (the properties realm behind the default security domain "other", which a
# web.xml login uses) the in-container tests' users, with their groups as roles: the same users, groups and
# password as the Payara boot file src/test/payara/post-boot.asadmin, read from it, added with WildFly's own
# add-user.sh. Run by `mvn -Pwildfly verify` after the server is unpacked; users already there are left alone.
#
#   bash src/test/servers/wildfly/setup.sh target/servers/wildfly-39.0.1.Final
set -euo pipefail
home=${1:?usage: setup.sh WILDFLY_HOME}
cd "$(dirname "$0")/../../../.."

password=$(sed -n 's/^AS_ADMIN_USERPASSWORD=//p' src/test/payara/users.pw)
users_file="$home/standalone/configuration/application-users.properties"

while read -r _ _ groups _ _ user; do
  if grep -q "^$user=" "$users_file"; then
    continue
  fi
  # Payara separates groups with ':', add-user.sh with ','
  "$home/bin/add-user.sh" -s -a -sc "$home/standalone/configuration" -u "$user" -p "$password" -g "${groups//:/,}"
done < <(grep '^create-file-user' src/test/payara/post-boot.asadmin)
echo "wildfly: $(grep -c '^[a-z].*=' "$users_file") users in the application realm"

# Jakarta Security applications with an identity store of their own (the built-in and custom mechanism tests):
# WildFly's default integrated-jaspi=true looks the caller a mechanism names up in the realm again, so a user whom only
# the application's store knows gets a 500 (ELY01177: Authorization failed) at notifyContainerAboutLogin, with or
# without Tollgate. integrated-jaspi=false takes the caller and groups as the mechanism gives them: WildFly's own
# advice for Jakarta Security applications, and the deployer's setting in the README. A web.xml login is not affected.
config="$home/standalone/configuration/standalone.xml"
if ! grep -q 'application-security-domain name="other" security-domain="ApplicationDomain" integrated-jaspi="false"' "$config"; then
  "$home/bin/jboss-cli.sh" --commands='embed-server --server-config=standalone.xml,/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false),stop-embedded-server'
fi
echo "wildfly: integrated-jaspi=false on the application security domain other"
