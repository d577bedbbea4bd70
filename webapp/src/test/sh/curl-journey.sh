#!/usr/bin/env bash
# A user's first days with two-step sign-in, made by clients the project did not write: curl for HTTP, oathtool for
# the authenticator app. Against a running demo, with a demo user who has no factor yet:
#
#   bash webapp/src/test/sh/curl-journey.sh http://127.0.0.1:8080/ dave dave-demo [--recovery]
#
# 1. signs in with the password through the JSON API (aal1: the demo's policy lets a user without a factor in),
#    adds an authenticator app and confirms it with oathtool's code (aal2), signs out;
# 2. signs in through the pages as a browser does (the FORM login is held at the challenge), gives the next code
#    on the challenge page and reaches the protected page at aal2;
# 3. replays that code to a new sign-in through the JSON API, which refuses it;
# 4. with --recovery: signs in with one of the recovery codes of step 1, refused the second time; asks for a new set,
#    with which a code of the old set is refused and one of the new set signs in, once.
# Prints one line per step; exits non-zero at the first step that does not hold. Run by CurlJourneyIT on every server.
# Behind the demo's cluster (DEMO_NODES=2 ./demo) it also prints which node answered each request (X-Demo-Node).
set -euo pipefail
recovery=false
args=()
for arg in "$@"; do
  if [[ "$arg" == --recovery ]]; then
    recovery=true
  else
    args+=("$arg")
  fi
done
set -- "${args[@]}"
base=${1:?usage: curl-journey.sh BASE_URL USER PASSWORD [--recovery]}
base=${base%/}
user=${2:?}
password=${3:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "journey: FAIL: $*" >&2
  echo "journey: the last answer was:" >&2
  cat "$work/headers" "$work/body" >&2 2>/dev/null || true
  exit 1
}
ok() { echo "journey: ok: $*"; }

# call JAR METHOD PATH [curl options...]: the answer's status on stdout, headers and body in $work
call() {
  local jar=$1 method=$2 path=$3 status node
  shift 3
  status=$(curl -sS --max-time 30 -c "$work/$jar" -b "$work/$jar" -X "$method" -D "$work/headers" -o "$work/body" \
    -w '%{http_code}' "$@" "$base$path")
  node=$(sed -n 's/^[Xx]-[Dd]emo-[Nn]ode: *\([^\r]*\)\r$/\1/p' "$work/headers")
  if [[ -n "$node" ]]; then
    echo "journey:   $(date -u +%T) $node: $method $path -> $status" >&2
  fi
  echo "$status"
}
json() { call "$1" "$2" "$3" -H 'Content-Type: application/json' -H 'Accept: application/json' ${4:+--data "$4"}; }
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$work/body"; }
# the recovery codes of the answer, one a line
recovery_codes() { sed -n 's/.*"recoveryCodes":\[\([^]]*\)\].*/\1/p' "$work/body" | tr -d '"' | tr ',' '\n'; }
location() { sed -n 's/^[Ll]ocation: *\(.*\)\r$/\1/p' "$work/headers"; }
# oathtool's code for the step of the given time (RFC 6238: 30-second steps)
code_at() { oathtool --totp --base32 --now "$(date -u -d "@$1" '+%Y-%m-%d %H:%M:%S UTC')" "$secret"; }

# 1. JSON API: password, then an authenticator app
[[ $(json api POST /mfa/api/login "{\"username\":\"$user\",\"password\":\"$password\"}") == 200 ]] ||
  fail "POST /mfa/api/login"
[[ $(field status) == authenticated && $(field aal) == aal1 ]] || fail "the password alone signs in at aal1"
ok "signed in with the password at aal1 (JSON API)"
[[ $(json api POST /mfa/api/factors/totp '{"label":"curl and oathtool"}') == 201 ]] || fail "POST /mfa/api/factors/totp"
factor=$(field factorId)
secret=$(field secret)
[[ -n "$factor" && -n "$secret" ]] || fail "the new factor's id and secret"
confirmed_at=$(date +%s)
[[ $(json api POST "/mfa/api/factors/$factor/verify" "{\"code\":\"$(code_at "$confirmed_at")\"}") == 200 ]] ||
  fail "confirming the app with oathtool's code"
[[ $(field aal) == aal2 ]] && grep -q '"recoveryCodes":\[' "$work/body" || fail "aal2 and recovery codes"
recovery_codes=$(recovery_codes)
ok "added an authenticator app, confirmed with oathtool's code: aal2, recovery codes shown"
[[ $(call api GET /expenses) == 200 ]] && grep -q "$user" "$work/body" || fail "GET /expenses at aal2"
[[ $(json api POST /mfa/api/logout) == 204 ]] || fail "POST /mfa/api/logout"
ok "reached /expenses, signed out"

# 2. pages: the FORM login is held until the code
# Some servers show the login page in place of the protected one, others redirect to it
status=$(call pages GET /expenses)
if [[ "$status" =~ ^30[23]$ ]]; then
  status=$(call pages GET "$(location | sed "s|^$base||")")
fi
[[ "$status" == 200 ]] && grep -q 'j_security_check' "$work/body" || fail "the login page"
[[ $(call pages POST /j_security_check --data-urlencode "j_username=$user" --data-urlencode "j_password=$password") \
  =~ ^30[23]$ ]] || fail "POST /j_security_check"
challenge=$(location)
# Some servers send the browser to the challenge at once, others back to the page it asked for, which sends it there
if [[ "$challenge" != */mfa/challenge* ]]; then
  [[ $(call pages GET "$(sed "s|^$base||" <<<"$challenge")") =~ ^30[23]$ ]] ||
    fail "after the password, $challenge is not shown"
  challenge=$(location)
fi
[[ "$challenge" == */mfa/challenge* ]] || fail "the password leads to the challenge, not to $challenge"
[[ $(call pages GET "$(sed "s|^$base||" <<<"$challenge")") == 200 ]] || fail "GET the challenge page"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/body" | head -1)
[[ -n "$csrf" ]] || fail "the challenge page's form"
[[ $(call pages GET /expenses) =~ ^30[23]$ && $(location) == */mfa/challenge* ]] ||
  fail "while the code is pending, /expenses sends back to the challenge"
ok "the password on the login page is held at the challenge"
# the next step's code: the confirmation spent this step's, and a step is never accepted twice (RFC 6238 §5.2)
code=$(code_at $((confirmed_at + 30)))
[[ $(call pages POST /mfa/challenge --data-urlencode "csrf=$csrf" --data-urlencode "code=$code") =~ ^30[23]$ ]] ||
  fail "POST /mfa/challenge with oathtool's code"
[[ $(call pages GET /expenses) == 200 ]] && grep -q "$user" "$work/body" || fail "GET /expenses after the code"
[[ $(json pages GET /mfa/api/factors) == 200 && $(field aal) == aal2 ]] || fail "the page session is at aal2"
ok "the code on the challenge page signs in at aal2 and opens /expenses"

# 3. a used code is refused
[[ $(json replay POST /mfa/api/login "{\"username\":\"$user\",\"password\":\"$password\"}") == 200 &&
  $(field status) == mfa_required ]] || fail "a new sign-in asks for the second factor"
transaction=$(field transactionId)
[[ $(json replay POST /mfa/api/verify "{\"transactionId\":\"$transaction\",\"code\":\"$code\"}") == 401 &&
  $(field error) == invalid_code ]] || fail "the used code is refused"
ok "the used code is refused (401 invalid_code)"

# 4. recovery codes: each signs in once; a new set replaces the old
if $recovery; then
  # login JAR: a new sign-in through the JSON API that asks for the second factor; its transaction in $transaction
  login() {
    [[ $(json "$1" POST /mfa/api/login "{\"username\":\"$user\",\"password\":\"$password\"}") == 200 &&
      $(field status) == mfa_required ]] || fail "a new sign-in asks for the second factor"
    transaction=$(field transactionId)
  }
  # recover JAR CODE: the status of giving the recovery code to the JSON API's sign-in
  recover() { json "$1" POST /mfa/api/verify "{\"transactionId\":\"$transaction\",\"recoveryCode\":\"$2\"}"; }
  first=$(sed -n 1p <<<"$recovery_codes")
  second=$(sed -n 2p <<<"$recovery_codes")
  [[ -n "$first" && -n "$second" ]] || fail "the recovery codes of step 1"
  login recovery
  [[ $(recover recovery "$first") == 200 && $(field aal) == aal2 ]] &&
    grep -q '"recoveryCodesRemaining":9' "$work/body" || fail "a recovery code signs in at aal2, 9 left"
  ok "a recovery code signs in at aal2 in place of a code; 9 are left"
  login recovery-replay
  [[ $(recover recovery-replay "$first") == 401 && $(field error) == invalid_code ]] ||
    fail "the used recovery code is refused"
  ok "the used recovery code is refused (401 invalid_code)"
  # the sign-in with a recovery code is a recent proof: a new set needs no other
  [[ $(json recovery POST /mfa/api/recovery-codes) == 200 ]] || fail "POST /mfa/api/recovery-codes"
  renewed=$(recovery_codes)
  [[ $(wc -l <<<"$renewed") == 10 ]] || fail "a new set of 10 recovery codes"
  ok "a new set of 10 recovery codes"
  login recovery-old
  [[ $(recover recovery-old "$second") == 401 && $(field error) == invalid_code ]] ||
    fail "a code of the old set is refused"
  ok "a code of the old set is refused (401 invalid_code)"
  [[ $(recover recovery-old "$(sed -n 1p <<<"$renewed")") == 200 && $(field aal) == aal2 ]] ||
    fail "a code of the new set signs in"
  ok "a code of the new set signs in at aal2"
  login recovery-new-replay
  [[ $(recover recovery-new-replay "$(sed -n 1p <<<"$renewed")") == 401 && $(field error) == invalid_code ]] ||
    fail "the used code of the new set is refused"
  ok "the used code of the new set is refused (401 invalid_code)"
fi
echo "journey: all steps passed for $user at $base"
