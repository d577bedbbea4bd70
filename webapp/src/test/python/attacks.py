#!/usr/bin/env python3
"""Attacks on a running Tollgate demo, with clients the project did not write (issue 12, items 1-7 and 13).

    python3 attacks.py http://127.0.0.1:8080/ [--fresh-window SECONDS] [--transaction-ttl SECONDS]
    python3 attacks.py --list-users

Each attack is a function named after what it tries; it prints one line per check:
    PASS <attack>: <what held>
    FAIL <attack>: <what the attacker got>
    SKIP <attack>: <why it could not run>
    NOTE <attack>: <what was seen, not judged>
The exit status is 1 when any check failed, 0 otherwise.

Only the standard library (http.client, urllib.request, concurrent.futures, threading), `oathtool` for the codes of
the authenticator apps (an implementation independent of Tollgate's) and `curl` where the issue names it.

The server must be fresh and know the users of --list-users (each in the groups staff and finance, password
"<name>-attack"): every attack enrols and locks users of its own, once. Its settings are the demo's (policy optional,
step-up /admin/*), with a short tollgate.transaction.ttl and fresh-proof window if attacks 3 and 7 are to run: they
wait for those to pass, up to MAX_WAIT seconds.
"""

import argparse
import html.parser
import http.client
import json
import re
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

MAX_WAIT = 45          # seconds an attack may wait for a lifetime to pass
TIMEOUT = 30           # seconds per HTTP request
LOCK_THRESHOLD = 10    # tollgate.lockout.threshold, the demo's default
STEP = 30              # the TOTP time step of the demo's apps

USERS = {
    "attack1": "stale",       # 1: a stale password-only session
    "attack2": "follow1",     # 2: removal drops other aal2 sessions
    "attack2b": "follow2",    # 2: enrolment holds other aal1 sessions
    "attack3": "fresh",       # 3: adding a factor needs a fresh proof
    "attack4": "lock",        # 4: the account lock under concurrency
    "attack5": "forms",       # 5: cross-site forms, user without a factor
    "attack5b": "forms2",     # 5: cross-site forms, user with a factor
    "attack6": "remove",      # 6: removing a factor with curl and Python
    "attack7": "redirect",    # 7: open redirect after an expired transaction
    "item13": "csrf",         # 13: the pages' CSRF token rotates with the level
}


def password(user):
    return user + "-attack"


class SetupError(Exception):
    """A step the attack needs did not work: the attack cannot be judged, and counts as failed."""


# ---------------------------------------------------------------------------------------------------------------
# Reporting

_current = threading.local()
_print_lock = threading.Lock()


class Report:
    """The checks of one attack, printed together when it ends."""

    def __init__(self, name):
        self.name = name
        self.lines = []
        self.failed = False
        self.skipped = False

    def check(self, condition, what, seen=""):
        self.lines.append(("PASS" if condition else "FAIL") + " " + self.name + ": " + what
                          + ("" if condition or not seen else " -- got " + seen))
        self.failed |= not condition
        return condition

    def note(self, text):
        self.lines.append("NOTE " + self.name + ": " + text)

    def skip(self, text):
        self.lines.append("SKIP " + self.name + ": " + text)
        self.skipped = True


def report():
    return _current.report


def within(result, function):
    """The function, to be run on another thread for the same attack's report."""
    def run(*arguments):
        _current.report = result
        return function(*arguments)
    return run


# ---------------------------------------------------------------------------------------------------------------
# HTTP: one client per session, its cookies its own, redirects never followed

class Response:
    def __init__(self, method, path, status, headers, body):
        self.method, self.path, self.status, self.headers, self.body = method, path, status, headers, body

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None

    @property
    def error(self):
        answer = self.json()
        return answer.get("error") if isinstance(answer, dict) else None

    @property
    def location(self):
        return self.headers.get("Location")

    def text(self):
        return self.body.decode("utf-8", "replace")

    def __str__(self):
        shown = self.text().replace("\n", " ")
        return "%d %s%s" % (self.status, shown[:200], " Location: " + self.location if self.location else "")


def error_shape_ok(response):
    """Every error of the API (or of a JSON request) is {"error","message"}."""
    answer = response.json()
    return isinstance(answer, dict) and isinstance(answer.get("error"), str) and isinstance(answer.get("message"), str)


class Client:
    """A session of one client: Python's http.client, cookies kept by name, no redirect followed."""

    def __init__(self, base):
        self.base = base
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies = {}

    def cookie_header(self):
        return "; ".join("%s=%s" % item for item in self.cookies.items())

    def session_id(self):
        return self.cookies.get("JSESSIONID")

    def request(self, method, path, body=None, headers=None, check_errors=True):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        if isinstance(body, str):
            body = body.encode("utf-8")
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            # a raw path, as sent: http.client does not normalise "//evil.example/"
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(method, path, answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        self.keep_cookies(response.headers.get_all("Set-Cookie") or [])
        wants_json = "json" in headers.get("Accept", "") or path.startswith("/mfa/api/")
        if check_errors and wants_json and response.status >= 400 and not error_shape_ok(response):
            report().check(False, "every error is JSON {error, message}",
                           "%s %s answered %s" % (method, path, response))
        return response

    def keep_cookies(self, set_cookies):
        for header in set_cookies:
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            expired = re.search(r"(?i)max-age=0\b|expires=[^;]*19[67]\d", attributes)
            if expired:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def api(self, method, path, answer=None, headers=None):
        all_headers = {"Accept": "application/json"}
        body = None
        if answer is not None:
            body = json.dumps(answer)
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        return self.request(method, path, body, all_headers)

    def page(self, method, path, form=None):
        headers = {"Accept": "text/html,application/xhtml+xml"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request(method, path, body, headers)


# ---------------------------------------------------------------------------------------------------------------
# The phone: oathtool computes the codes

class App:
    """An authenticator app: its key, and the last step whose code was used (a used step is never accepted again)."""

    def __init__(self, factor_id, secret):
        self.factor_id, self.secret, self.last_step = factor_id, secret, None

    def code_for_step(self, step):
        return subprocess.run(["oathtool", "--totp", "-b", "--now", "@%d" % (step * STEP), self.secret],
                              check=True, capture_output=True, text=True).stdout.strip()

    def next_code(self):
        """A code the server accepts now (one step either side) from a step later than the last one used."""
        step = int(time.time()) // STEP
        wanted = step if self.last_step is None else max(step, self.last_step + 1)
        if wanted > step + 1:
            # both usable steps are spent: wait for the next one
            time.sleep((wanted - 1) * STEP - time.time() + 0.5)
        self.last_step = wanted
        return self.code_for_step(wanted)

    def wrong_code(self):
        """A code that no step within six minutes of now produces."""
        now = int(time.time()) // STEP
        produced = subprocess.run(["oathtool", "--totp", "-b", "-w", "24", "--now", "@%d" % ((now - 12) * STEP),
                                   self.secret], check=True, capture_output=True, text=True).stdout.split()
        candidate = 0
        while "%06d" % candidate in produced:
            candidate += 1
        return "%06d" % candidate


# ---------------------------------------------------------------------------------------------------------------
# Steps the attacks share (a failing step is a SetupError)

def require(response, status, what):
    if response.status != status:
        raise SetupError("%s: expected %d, %s %s answered %s" % (what, status, response.method, response.path,
                                                                response))
    return response.json()


def sign_in(base, user):
    """POST /mfa/api/login: a new session after the password."""
    client = Client(base)
    answer = require(client.api("POST", "/mfa/api/login", {"username": user, "password": password(user)}), 200,
                     "sign-in of " + user)
    return client, answer


def sign_in_aal2(base, user, app=None, recovery_code=None):
    """The password, then the app's code or a recovery code: a session at aal2."""
    client, answer = sign_in(base, user)
    if answer.get("status") != "mfa_required":
        raise SetupError("sign-in of %s: expected mfa_required, got %s" % (user, answer))
    proof = {"code": app.next_code()} if app else {"recoveryCode": recovery_code}
    proof["transactionId"] = answer["transactionId"]
    require(client.api("POST", "/mfa/api/verify", proof), 200, "second factor of " + user)
    return client


def start_app(client, label, proof=None):
    body = {"label": label}
    body.update(proof or {})
    answer = require(client.api("POST", "/mfa/api/factors/totp", body), 201, "adding the app " + label)
    return App(answer["factorId"], answer["secret"])


def add_app(client, label, proof=None):
    """Adds and confirms an authenticator app; returns it and the recovery codes the first factor brings."""
    app = start_app(client, label, proof)
    answer = require(client.api("POST", "/mfa/api/factors/%s/verify" % app.factor_id, {"code": app.next_code()}),
                     200, "confirming the app " + label)
    return app, answer.get("recoveryCodes", [])


def overview(client):
    return require(client.api("GET", "/mfa/api/factors"), 200, "the list of factors")


def level(client):
    response = client.api("GET", "/mfa/api/factors")
    return response.json().get("aal") if response.status == 200 else "HTTP %d" % response.status


def is_mfa_required(response):
    return response.status == 401 and response.error == "mfa_required"


def form_sign_in(base, user):
    """The demo's FORM login, as a browser does it: the protected page, j_security_check, the page again."""
    client = Client(base)
    require(client.page("GET", "/expenses"), 200, "the login page")
    answer = client.page("POST", "/j_security_check", {"j_username": user, "j_password": password(user)})
    if answer.status not in (302, 303):
        raise SetupError("j_security_check for %s answered %s" % (user, answer))
    return client, client.page("GET", "/expenses")


class Forms(html.parser.HTMLParser):
    """The forms of a page: each one's action and its fields' names and values."""

    def __init__(self, text):
        super().__init__()
        self.forms = []
        self.feed(text)

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "form":
            self.forms.append((attributes.get("action", ""), {}))
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1][1][attributes["name"]] = attributes.get("value") or ""

    def with_field(self, name):
        return next((form for form in self.forms if name in form[1]), None)


def curl(arguments):
    """Runs curl; returns (status, headers text, body text)."""
    result = subprocess.run(["curl", "-sS", "--max-time", str(TIMEOUT), "-D", "-", "-o", "/dev/stderr",
                             "-w", "\n%{http_code}"] + arguments, capture_output=True, text=True)
    lines = result.stdout.rstrip("\n").split("\n")
    status = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return status, "\n".join(lines[:-1]), result.stderr


# ---------------------------------------------------------------------------------------------------------------
# The attacks

def attack1_stale_password_session_adds_factor(base, options):
    """Item 1: a session signed in with the password before the owner enrolled adds its own app."""
    r = report()
    user = USERS["attack1"]
    a, answer = sign_in(base, user)
    r.check(answer.get("status") == "authenticated" and answer.get("aal") == "aal1",
            "precondition: session A signs in with the password alone (no factor yet)", str(answer))
    early, _ = sign_in(base, user)
    pending = start_app(early, "started before the owner enrolled")
    b, _ = sign_in(base, user)
    owner, _ = add_app(b, "owner's phone")

    added = a.api("POST", "/mfa/api/factors/totp", {"label": "attacker"})
    r.check(is_mfa_required(added), "A's POST /mfa/api/factors/totp after B enrolled is 401 mfa_required",
            str(added))
    if added.status == 201:
        mine = App(added.json()["factorId"], added.json()["secret"])
        confirmed = a.api("POST", "/mfa/api/factors/%s/verify" % mine.factor_id, {"code": mine.next_code()})
        r.check(confirmed.status != 200, "A cannot confirm an app of its own", str(confirmed))
    confirmed = early.api("POST", "/mfa/api/factors/%s/verify" % pending.factor_id, {"code": pending.next_code()})
    r.check(confirmed.status >= 400, "an app whose enrolment began before B enrolled cannot be confirmed after",
            str(confirmed))
    r.check(level(a) != "aal2" and level(early) != "aal2", "neither stale session reached aal2",
            "%s, %s" % (level(a), level(early)))
    factors = [f["id"] for f in overview(b)["factors"]]
    r.check(factors == [owner.factor_id], "the owner's account holds the owner's app only", str(factors))


def attack2_sessions_follow_account_changes(base, options):
    """Item 2: other sessions follow a removal (aal2 drops to aal1) and an enrolment (aal1 must give the factor)."""
    r = report()
    user = USERS["attack2"]
    first, _ = sign_in(base, user)
    app1, codes = add_app(first, "phone")
    a = sign_in_aal2(base, user, app=app1)
    b = sign_in_aal2(base, user, recovery_code=codes[0])
    app2, _ = add_app(b, "second phone")
    r.check(level(a) == "aal2", "precondition: A is at aal2 after B added a factor", level(a))
    require(b.api("POST", "/mfa/api/factors/%s/remove" % app2.factor_id, {"recoveryCode": codes[1]}), 204,
            "B removes the second phone")
    r.check(level(a) == "aal1", "after B removed a factor, A's GET /mfa/api/factors shows aal1", level(a))
    r.check(level(first) == "aal1", "and so does the session that enrolled the first factor", level(first))
    stepped = a.api("GET", "/admin/approvals")
    r.check(is_mfa_required(stepped), "A's JSON request to the step-up path /admin/approvals is 401 mfa_required",
            str(stepped))
    r.note("B, the session that removed the factor, is at " + level(b))

    user = USERS["attack2b"]
    a, _ = sign_in(base, user)
    page_session, _ = sign_in(base, user)
    require(a.api("GET", "/api/expenses"), 200, "precondition: A at aal1 reads /api/expenses")
    b, _ = sign_in(base, user)
    add_app(b, "phone")
    held = a.api("GET", "/api/expenses")
    r.check(is_mfa_required(held), "after B enrolled, A's JSON request to /api/expenses is 401 mfa_required",
            str(held))
    page = page_session.page("GET", "/expenses")
    location = page.location or ""
    r.check(page.status in (302, 303) and urllib.parse.urlsplit(location).path.endswith("/mfa/challenge"),
            "after B enrolled, another aal1 session's page /expenses redirects to the challenge", str(page))


def attack3_aal2_session_alone_adds_factor(base, options):
    """Item 3: past the fresh-proof window, adding a factor or new recovery codes needs a proof with the call."""
    r = report()
    user = USERS["attack3"]
    first, _ = sign_in(base, user)
    app1, codes = add_app(first, "phone")
    session = sign_in_aal2(base, user, app=app1)
    verified_at = time.monotonic()
    fresh = session.api("POST", "/mfa/api/factors/totp", {"label": "just after sign-in"})
    r.check(fresh.status == 201, "right after the second factor, POST /mfa/api/factors/totp needs no proof",
            str(fresh))
    renewed = session.api("POST", "/mfa/api/recovery-codes", {})
    r.check(renewed.status == 200, "right after the second factor, POST /mfa/api/recovery-codes needs no proof",
            str(renewed))
    if renewed.status == 200:
        codes = renewed.json()["recoveryCodes"]
    window = options.fresh_window
    if window > MAX_WAIT:
        r.skip("the fresh-proof window is %ds, longer than this suite waits (%ds): start the server with a short"
               " tollgate.freshProof.maxAge and pass --fresh-window" % (window, MAX_WAIT))
        return
    time.sleep(max(0.0, verified_at + window + 2 - time.monotonic()))
    for path in ("/mfa/api/factors/totp", "/mfa/api/factors/webauthn", "/mfa/api/recovery-codes"):
        refused = session.api("POST", path, {})
        r.check(refused.status == 401 and refused.error == "code_required",
                "%ds after the second factor, POST %s without a proof is 401 code_required" % (window + 2, path),
                str(refused))
    with_code = session.api("POST", "/mfa/api/factors/totp", {"label": "with a code", "code": app1.next_code()})
    r.check(with_code.status == 201, "POST /mfa/api/factors/totp with a current code of the app works",
            str(with_code))
    with_recovery = session.api("POST", "/mfa/api/recovery-codes", {"recoveryCode": codes[0]})
    r.check(with_recovery.status == 200, "POST /mfa/api/recovery-codes with a recovery code works",
            str(with_recovery))
    if with_recovery.status == 200:
        codes = with_recovery.json()["recoveryCodes"]
    key = session.api("POST", "/mfa/api/factors/webauthn", {"label": "key", "recoveryCode": codes[0]})
    r.check(key.status == 201, "POST /mfa/api/factors/webauthn with a recovery code works", str(key))


def attack4_lock_holds_under_concurrency(base, options):
    """Item 4: forty sessions guess at once; no more than the threshold are evaluated."""
    r = report()
    user = USERS["attack4"]
    first, _ = sign_in(base, user)
    app, _ = add_app(first, "phone")
    wrong = app.wrong_code()
    # one after another: what this attacks is forty guesses at once, not forty sign-ins at once (the first-factor
    # throttle counts a password in flight as failed until it is found right, so a burst of one account's sign-ins
    # from one address beyond tollgate.loginThrottle.perAccountAndAddress is refused, as it should be)
    with ThreadPoolExecutor(max_workers=1) as pool:
        sessions = list(pool.map(within(r, lambda _: sign_in(base, user)), range(40)))
    barrier = threading.Barrier(len(sessions))

    def guess(session):
        client, answer = session
        barrier.wait(timeout=60)
        return client.api("POST", "/mfa/api/verify", {"transactionId": answer["transactionId"], "code": wrong})

    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        answers = list(pool.map(within(r, guess), sessions))
    evaluated = sum(1 for a in answers if a.status == 401 and a.error == "invalid_code")
    locked = sum(1 for a in answers if a.status == 429 and a.error == "too_many_attempts")
    others = [str(a) for a in answers if not (a.status == 401 and a.error == "invalid_code"
                                              or a.status == 429 and a.error == "too_many_attempts")]
    r.note("40 wrong codes at once: %d answered 401 invalid_code, %d 429 too_many_attempts" % (evaluated, locked))
    r.check(evaluated <= LOCK_THRESHOLD, "at most %d of 40 concurrent wrong codes are evaluated" % LOCK_THRESHOLD,
            "%d evaluated" % evaluated)
    r.check(not others, "the others are 429 too_many_attempts", "; ".join(others[:3]))


def attack5_cross_site_forms(base, options):
    """Item 5: what a cross-site HTML form sends (no Origin, a form's content type) changes nothing."""
    r = report()
    user = USERS["attack5"]
    session, _ = sign_in(base, user)
    owner = USERS["attack5b"]
    first, _ = sign_in(base, owner)
    app, codes = add_app(first, "phone")
    # just past the sign-in's second factor: new recovery codes need no proof, so only the origin check stops them
    enrolled = sign_in_aal2(base, owner, app=app)
    forms = (("application/x-www-form-urlencoded", "a=b"), ("text/plain", "a"))
    for path, client in (("/mfa/api/enrollment/opt-out", session), ("/mfa/api/enrollment/skip", session),
                         ("/mfa/api/recovery-codes", enrolled), ("/mfa/api/logout", session),
                         ("/mfa/api/logout", enrolled)):
        for content_type, body in forms:
            answer = client.request("POST", path, body, {"Content-Type": content_type, "Accept": "text/html"})
            r.check(answer.status == 403 and answer.error == "forbidden_origin" and error_shape_ok(answer),
                    "POST %s as a cross-site form (%s, no Origin) is 403 forbidden_origin" % (path, content_type),
                    str(answer))
    state = session.api("GET", "/mfa/api/factors")
    r.check(state.status == 200 and state.json().get("optedOut") is False,
            "the user without a factor is still signed in and not opted out", str(state))
    r.check(level(enrolled) == "aal2", "the user with a factor is still signed in at aal2", level(enrolled))
    other, answer = sign_in(base, owner)
    used = other.api("POST", "/mfa/api/verify", {"transactionId": answer.get("transactionId"),
                                                  "recoveryCode": codes[0]})
    r.check(used.status == 200, "the recovery codes from before the forms still work", str(used))
    foreign = session.api("POST", "/mfa/api/enrollment/opt-out", {}, {"Origin": "http://evil.example"})
    r.check(foreign.status == 403 and foreign.error == "forbidden_origin",
            "a JSON call with a foreign Origin is 403 forbidden_origin", str(foreign))
    control = session.api("POST", "/mfa/api/enrollment/opt-out", {})
    r.check(control.status == 204 and overview(session).get("optedOut") is True,
            "control: the same opt-out as a JSON call works", str(control))


def attack6_remove_factor_with_ordinary_clients(base, options):
    """Item 6: removing a factor from curl and Python, with DELETE and a body and with POST .../remove."""
    r = report()
    user = USERS["attack6"]
    first, _ = sign_in(base, user)
    app1, codes = add_app(first, "phone")
    # just past the sign-in's second factor, when adding apps needs no proof
    session = sign_in_aal2(base, user, app=app1)
    apps = [add_app(session, "phone %d" % n)[0] for n in (2, 3, 4, 5)]

    def gone(factor_id):
        return factor_id not in [f["id"] for f in overview(session)["factors"]]

    def curl_call(method, path, proof):
        return curl(["-X", method, "-H", "Content-Type: application/json", "-H", "Accept: application/json",
                     "-H", "Cookie: " + session.cookie_header(), "--data", json.dumps(proof), base.rstrip("/") + path])

    status, headers, body = curl_call("DELETE", "/mfa/api/factors/" + apps[0].factor_id, {"recoveryCode": codes[0]})
    if status == 204:
        r.check(gone(apps[0].factor_id), "curl's DELETE /mfa/api/factors/{id} with a JSON body: 204, the factor"
                " is gone")
    elif status == 400 and not body.strip():
        r.note("curl's DELETE with a JSON body is refused by the server's HTTP layer: 400, empty body (%s);"
               " the POST form below must work" % " ".join(headers.split())[:160])
    else:
        r.check(False, "curl's DELETE /mfa/api/factors/{id} with a JSON body", "%d %s" % (status, body[:200]))
    status, headers, body = curl_call("POST", "/mfa/api/factors/%s/remove" % apps[1].factor_id,
                                      {"recoveryCode": codes[1]})
    r.check(status == 204 and gone(apps[1].factor_id),
            "curl's POST /mfa/api/factors/{id}/remove: 204, the factor is gone", "%d %s" % (status, body[:200]))

    request = urllib.request.Request(base.rstrip("/") + "/mfa/api/factors/%s/remove" % apps[2].factor_id,
                                     data=json.dumps({"code": apps[3].next_code()}).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              "Cookie": session.cookie_header()})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            status, body = answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read().decode()
    r.check(status == 204 and gone(apps[2].factor_id),
            "urllib's POST /mfa/api/factors/{id}/remove with another app's code: 204, the factor is gone",
            "%d %s" % (status, body[:200]))
    deleted = session.request("DELETE", "/mfa/api/factors/" + app1.factor_id, json.dumps({"recoveryCode": codes[2]}),
                              {"Content-Type": "application/json", "Accept": "application/json"},
                              check_errors=False)
    if deleted.status == 204:
        r.check(gone(app1.factor_id), "http.client's DELETE with a JSON body: 204, the factor is gone")
    else:
        r.note("http.client's DELETE with a JSON body answered " + str(deleted))


def is_on_site(location, base):
    """Whether a Location header stays on this server: a path (not //host, no backslash) or this server's URL."""
    if location is None:
        return True
    if "\\" in location or location.startswith("//") or re.search(r"[\x00-\x20]", location):
        return False
    parts, own = urllib.parse.urlsplit(location), urllib.parse.urlsplit(base)
    if parts.scheme or parts.netloc:
        return parts.scheme == own.scheme and parts.netloc.lower() == own.netloc.lower() \
            and not parts.path.startswith("//")
    return location.startswith("/")


def attack7_no_open_redirect_after_expired_transaction(base, options):
    """Item 7: a held FORM sign-in whose transaction expired, then //evil.example/ and friends."""
    r = report()
    user = USERS["attack7"]
    first, _ = sign_in(base, user)
    app, _ = add_app(first, "phone")
    targets = ("//evil.example/", "///evil.example/", "/\\evil.example/", "//evil.example/%2e%2e/expenses")

    live, held = form_sign_in(base, user)
    answer = live.page("GET", targets[0])
    r.check(is_on_site(answer.location, base), "a held session's GET //evil.example/ stays on site (Location: %s)"
            % answer.location, str(answer))
    if answer.location:
        challenge = live.page("GET", urllib.parse.urlsplit(answer.location)._replace(scheme="", netloc="").geturl())
        form = Forms(challenge.text()).with_field("code")
        if form:
            action, fields = form
            fields["code"] = app.next_code()
            done = live.page("POST", action, fields)
            r.check(done.status in (302, 303) and is_on_site(done.location, base),
                    "after the challenge the browser is sent on site", str(done))
        else:
            r.check(False, "precondition: the challenge page has a form with a code", str(challenge))

    ttl = options.transaction_ttl
    if ttl > MAX_WAIT:
        r.skip("the transaction TTL is %ds, longer than this suite waits (%ds): start the server with a short"
               " tollgate.transaction.ttl and pass --transaction-ttl" % (ttl, MAX_WAIT))
        return
    sessions = []
    for _ in targets:
        client, held = form_sign_in(base, user)
        if not r.check(held.status in (302, 303) and "/mfa/challenge" in (held.location or ""),
                       "precondition: a FORM sign-in is held for the challenge", str(held)):
            return
        sessions.append(client)
    time.sleep(ttl + 3)
    for client, target in zip(sessions, targets):
        answer = client.page("GET", target)
        r.check(is_on_site(answer.location, base), "after the transaction expired, GET %s stays on site"
                " (%d, Location: %s)" % (target, answer.status, answer.location), str(answer))


def item13_csrf_token_rotates_with_level(base, options):
    """Item 13: the pages' CSRF token changes with the level, and the old one is refused."""
    r = report()
    user = USERS["item13"]
    session, _ = sign_in(base, user)

    def token():
        page = session.page("GET", "/mfa/factors")
        found = re.search(r'name="csrf" value="([^"]+)"', page.text())
        if not found:
            raise SetupError("no CSRF token on /mfa/factors: " + str(page))
        return found.group(1)

    before = token()
    add_app(session, "phone")
    after = token()
    r.check(before != after, "the CSRF token at aal2 is not the one of aal1")
    old = session.page("POST", "/mfa/logout", {"csrf": before})
    r.check(old.status == 403, "a form posted with the aal1 token is 403", str(old))
    r.check(level(session) == "aal2", "and the session is still signed in at aal2", level(session))
    new = session.page("POST", "/mfa/logout", {"csrf": after})
    r.check(new.status in (302, 303) and level(session) != "aal2", "control: the aal2 token signs out", str(new))


# attacks that wait for a lifetime to pass run beside the others
WAITING = (attack3_aal2_session_alone_adds_factor, attack7_no_open_redirect_after_expired_transaction)
QUICK = (attack1_stale_password_session_adds_factor, attack2_sessions_follow_account_changes,
         attack4_lock_holds_under_concurrency, attack5_cross_site_forms,
         attack6_remove_factor_with_ordinary_clients, item13_csrf_token_rotates_with_level)


def run(attack, base, options):
    result = Report(attack.__name__)
    _current.report = result
    started = time.monotonic()
    try:
        attack(base, options)
    except SetupError as e:
        result.check(False, "the attack could not be carried out", str(e))
    except Exception:  # an attack that breaks is a failure, shown in full
        result.check(False, "the attack raised", traceback.format_exc().replace("\n", " | "))
    result.lines.append("---- %s: %.1fs" % (attack.__name__, time.monotonic() - started))
    with _print_lock:
        print("\n".join(result.lines), flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", nargs="?", help="the demo's address, such as http://127.0.0.1:8080/")
    parser.add_argument("--fresh-window", type=int, default=300,
                        help="the server's fresh-proof window in seconds (tollgate.freshProof.maxAge)")
    parser.add_argument("--transaction-ttl", type=int, default=300,
                        help="the server's login transaction lifetime in seconds (tollgate.transaction.ttl)")
    parser.add_argument("--only", help="run only the attacks whose names contain this text")
    parser.add_argument("--list-users", action="store_true", help="print the users the attacks need and stop")
    options = parser.parse_args()
    if options.list_users:
        for user in USERS.values():
            print(user, password(user))
        return 0
    if not options.base:
        parser.error("the demo's address is required")
    base = options.base if options.base.endswith("/") else options.base + "/"
    chosen = [a for a in WAITING + QUICK if not options.only or options.only in a.__name__]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(WAITING) + 1) as pool:
        waiting = [pool.submit(run, a, base, options) for a in chosen if a in WAITING]
        quick = pool.submit(lambda: [run(a, base, options) for a in chosen if a in QUICK])
        results = [f.result() for f in waiting] + quick.result()
    failed = [r.name for r in results if r.failed]
    skipped = [r.name for r in results if r.skipped and not r.failed]
    print("==== %d attacks in %.0fs: %d held, %d failed%s, %d skipped%s" % (
        len(results), time.monotonic() - started, len(results) - len(failed) - len(skipped), len(failed),
        " (" + ", ".join(failed) + ")" if failed else "", len(skipped),
        " (" + ", ".join(skipped) + ")" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
