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
