#!/usr/bin/env bash
# Gives the unpacked WildFly's application realm (the properties realm behind the security domain "other" that a
# web.xml login uses) the demo's users, their groups as roles, for the Arquillian example on WildFly. The users come
# from the Payara boot file that creates them, read by ../../main/servers/users.sh as every demo server reads them;
# users already there are left alone, so the script can run again.
#
#   bash webapp/src/test/arquillian/wildfly-users.sh webapp/target/servers/wildfly-39.0.1.Final webapp/target/payara/post-boot.asadmin
set -euo pipefail
home=${1:?usage: wildfly-users.sh WILDFLY_HOME USERS_FILE}
export DEMO_USERS=${2:?usage: wildfly-users.sh WILDFLY_HOME USERS_FILE}
source "$(dirname "$0")/../../main/servers/users.sh"
config="$home/standalone/configuration"
# The properties realm's format: user=hex(MD5(user:ApplicationRealm:password)), and user=role,role
while read -r name password groups; do
  grep -q "^$name=" "$config/application-users.properties" && continue
  hash=$(printf '%s' "$name:ApplicationRealm:$password" | md5sum | cut -d' ' -f1)
  printf '%s=%s\n' "$name" "$hash" >> "$config/application-users.properties"
  printf '%s=%s\n' "$name" "${groups//:/,}" >> "$config/application-roles.properties"
done < <(demo_users)
echo "wildfly: the demo's users in $config"
