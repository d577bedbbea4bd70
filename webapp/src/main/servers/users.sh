# The demo's users, read from the Payara boot file that creates them (one source for every server): sourced by each
# server's start.sh, which calls demo_users and reads "name password group:group" lines.
#
# DEMO_USERS names a file of `create-file-user --groups G:H --passwordfile FILE NAME` commands (asadmin's syntax;
# Payara Micro runs it as it is), each password file holding `AS_ADMIN_USERPASSWORD=...`.
demo_users() {
  local _option groups _passwordfile file name password
  while read -r _option groups _passwordfile file name; do
    password=$(sed -n 's/^AS_ADMIN_USERPASSWORD=//p' "$file")
    printf '%s %s %s\n' "$name" "$password" "$groups"
  done < <(sed -n 's/^create-file-user //p' "${DEMO_USERS:?DEMO_USERS names the users file}")
}

# Waits for the first of the given processes to exit (or for a signal, on which the caller's trap runs), then
# returns: `wait -n` alone would not return on a trapped signal in every bash version, so poll gently.
demo_wait_for() {
  while kill -0 "$1" 2>/dev/null; do
    sleep 1 & wait $! 2>/dev/null || true
  done
}
