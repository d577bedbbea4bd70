#!/usr/bin/env python3
"""The demo's cluster attacked over HTTP: DEMO_NODES=2 ./demo must be running (see run.sh, which starts it).

Each check talks to one node directly (127.0.0.1:PORT+1, PORT+2) where it matters which node answers, and to the
balancer (127.0.0.1:PORT, round robin, no stickiness) where the requests should spread. Codes come from oathtool,
the clients are Python's own urllib: nothing here is the project's Java.

    cluster_test.py PORT POSTGRES_DIR      (run.sh passes both)

Every check prints one line; the first failure stops the run with exit status 1.
"""
import concurrent.futures
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
POSTGRES_DIR = sys.argv[2] if len(sys.argv) > 2 else "webapp/target/work/demo-cluster/postgres"
BALANCER = f"http://127.0.0.1:{PORT}"
NODE = {1: f"http://127.0.0.1:{PORT + 1}", 2: f"http://127.0.0.1:{PORT + 2}"}
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def say(text):
    print(f"cluster: {time.strftime('%H:%M:%S')} {text}", flush=True)


def check(condition, text):
    if not condition:
        say(f"FAILED: {text}")
        sys.exit(1)


class Client:
    """One user agent: its own cookies (the session, and Payara's session version), sent to whichever node."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies),
                                                  NoRedirect())

    def call(self, base, method, path, body=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(base + path, data=data, method=method,
                                         headers={"Accept": "application/json", "Content-Type": "application/json"})
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Answer(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def login(self, base, user):
        return self.call(base, "POST", "/mfa/api/login", {"username": user, "password": user + "-demo"})

    def verify(self, base, transaction, code=None, recovery=None):
        body = {"transactionId": transaction}
        body.update({"code": code} if code is not None else {"recoveryCode": recovery})
        return self.call(base, "POST", "/mfa/api/verify", body)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace")
        try:
            self.json = json.loads(self.text) if self.text.strip().startswith("{") else {}
        except ValueError:
            self.json = {}

    @property
    def node(self):
        return self.headers.get("X-Demo-Node", "?")

    def __str__(self):
        return f"{self.status} {self.text[:200]}"


def code(secret, at=None):
    """oathtool's TOTP code for the time given (now by default)."""
    moment = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(at if at is not None else time.time()))
    return subprocess.run(["oathtool", "--totp", "--base32", "--now", moment, secret], check=True,
                          capture_output=True, text=True).stdout.strip()


def fresh_step():
    """Waits, if needed, until at least 8 s are left in the current 30-s step, so a code stays valid in flight."""
    left = 30 - time.time() % 30
    if left < 8:
        time.sleep(left + 0.5)


def enrol(user):
    """Password, an authenticator app added and confirmed through node 1: the secret and the recovery codes."""
    client = Client()
    answer = client.login(NODE[1], user)
    check(answer.status == 200 and answer.json.get("aal") == "aal1", f"{user}'s password at aal1: {answer}")
    answer = client.call(NODE[1], "POST", "/mfa/api/factors/totp", {"label": "python"})
    check(answer.status == 201, f"{user} adds an authenticator app: {answer}")
    factor, secret = answer.json["factorId"], answer.json["secret"]
    fresh_step()
    # confirmed on the other node (the pending enrolment came there with the session), with the previous step's
    # code, so that the checks below can sign in with the current step's: a code is accepted once
    answer = client.call(NODE[2], "POST", f"/mfa/api/factors/{factor}/verify",
                         {"code": code(secret, time.time() - 30)})
    check(answer.status == 200 and answer.json.get("aal") == "aal2", f"{user} confirms the app on node 2: {answer}")
    return secret, answer.json["recoveryCodes"]


def challenged(base, user):
    """A new client whose password was accepted on the given node: the client and its transaction id."""
    client = Client()
    answer = client.login(base, user)
    check(answer.status == 200 and answer.json.get("status") == "mfa_required",
          f"{user}'s password asks for the second factor: {answer}")
    return client, answer.json["transactionId"]


def psql(sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", "5433", "-U", "tollgate", "-d", "tollgate", "-At",
                          "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def migration_ran_once():
    rows = psql("SELECT version, COUNT(*), BOOL_AND(success) FROM tollgate_schema_history"
                " WHERE version IS NOT NULL GROUP BY version ORDER BY version").splitlines()
    versions = [row.split("|") for row in rows]
    check(versions and all(count == "1" and ok == "t" for _, count, ok in versions),
          f"each migration recorded once, successful: {rows}")
    applied = []
    for node in (1, 2):
        with open(os.path.join(ROOT, f"webapp/target/work/demo-cluster/node{node}/console.log"),
                  encoding="utf-8", errors="replace") as log:
            lines = [line for line in log if "Tollgate: tables at version" in line]
        check(len(lines) == 1, f"node {node} migrated at start-up once: {lines}")
        applied.append(int(re.search(r"\((\d+) migration\(s\) applied now", lines[0]).group(1)))
    migrations = sum(1 for version, _, _ in versions if version != "0")
    check(sum(applied) == migrations,
          f"the two nodes started together applied {migrations} migrations between them, not {applied}")
    say(f"ok: two nodes started at once on an empty database: versions {[v for v, _, _ in versions]}, "
        f"each applied once (node 1 applied {applied[0]}, node 2 {applied[1]})")


def the_other_node_sees_each_answer_at_once():
    # Tollgate's answers must not reach the client before the server has stored the session: a server that
    # replicates sessions stores them once the request is finished, and a response closed early is already there
    # (this failed 9 times of 40 while Tollgate closed its response stream)
    seen = 0
    for i in range(40):
        first, other = (1, 2) if i % 2 == 0 else (2, 1)
        client, transaction = challenged(NODE[first], "alice")
        answer = client.call(NODE[other], "POST", "/mfa/api/webauthn/options", {"transactionId": transaction})
        # alice has no security key: node 2 knowing the transaction says so, not knowing it says it expired
        seen += answer.status == 409 and answer.json.get("error") == "no_security_key"
        check(answer.status in (409, 410), f"the other node's answer: {answer}")
    check(seen == 40, f"the other node saw the sign-in at once {seen} times of 40")
    say("ok: 40 passwords, each followed at once by a request to the other node: the other node saw all 40")


def password_on_one_node_code_on_the_other(secret):
    fresh_step()
    client, transaction = challenged(NODE[1], "alice")
    used = code(secret)
    answer = client.verify(NODE[2], transaction, code=used)
    check(answer.status == 200 and answer.json.get("aal") == "aal2", f"alice's code on node 2: {answer}")
    answer = client.call(NODE[1], "GET", "/mfa/api/factors")
    check(answer.status == 200 and answer.json.get("aal") == "aal2", f"back on node 1 at aal2: {answer}")
    say("ok: password on node 1, code on node 2: aal2, and node 1 sees the session at aal2")
    return used


def code_used_on_one_node_refused_on_the_other(used):
    client, transaction = challenged(NODE[2], "alice")
    answer = client.verify(NODE[2], transaction, code=used)
    check(answer.status == 401 and answer.json.get("error") == "invalid_code",
          f"the code node 1 accepted, replayed on node 2: {answer}")
    say("ok: a code accepted through node 2 (after node 1) is refused there as used: 401 invalid_code")


def fifty_submissions_of_one_code(secret):
    # sessions are opened one after another: fifty passwords of one account at once would be the first-factor
    # throttle's business, not this test's
    sessions = [challenged(BALANCER, "bob") for _ in range(50)]
    fresh_step()
    one = code(secret)

    def submit(session):
        client, transaction = session
        return client.verify(BALANCER, transaction, code=one)

    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(submit, sessions))
    statuses = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    nodes = {answer.node for answer in answers}
    check(sum(1 for a in answers if a.status == 200 and a.json.get("aal") == "aal2") == 1,
          f"exactly one of 50 submissions of one code reaches aal2: {statuses}")
    refusals = ("invalid_code", "too_many_attempts")
    check(all((a.status == 200 and a.json.get("aal") == "aal2")
              or (a.status in (401, 429) and a.json.get("error") in refusals) for a in answers),
          f"every other answer is a refusal: {[str(a) for a in answers if a.status not in (200, 401)]}")
    check(nodes >= {"node1", "node2"}, f"the submissions were spread over both nodes: {nodes}")
    say(f"ok: 50 concurrent submissions of one code through the balancer (nodes {sorted(nodes)}): "
        f"exactly one aal2, statuses {statuses}")


def lock_counts_every_node(secret):
    # threshold 10 (the demo's default); at most 5 wrong codes per transaction, so three sign-ins on both nodes
    fresh_step()
    wrong = f"{(int(code(secret)) + 1) % 1000000:06d}"
    failures, plan = 0, [(1, 4), (2, 4), (1, 2)]
    last = None
    for node, count in plan:
        client, transaction = challenged(NODE[node], "dave")
        for _ in range(count):
            # alternate the nodes within the sign-in too
            target = NODE[node if failures % 2 == 0 else 3 - node]
            last = client.verify(target, transaction, code=wrong)
            failures += 1
            check(last.status in (401, 429), f"wrong code {failures}: {last}")
    check(last.status == 429 and last.json.get("error") == "too_many_attempts" and last.headers.get("Retry-After"),
          f"the tenth wrong code, across both nodes, locks the account: {last}")
    client, transaction = challenged(NODE[2], "dave")
    answer = client.verify(NODE[2], transaction, code=code(secret))
    check(answer.status == 429 and answer.json.get("error") == "too_many_attempts",
          f"the right code on the other node while locked: {answer}")
    say(f"ok: 10 wrong codes spread over both nodes lock the account; the right code on node 2 is refused: "
        f"429, Retry-After {answer.headers.get('Retry-After')}")


def attempts_of_one_transaction_across_nodes(secret):
    # A transaction allows 5 wrong codes (tollgate.transaction.maxAttempts). Its count used to live in the session,
    # of which each node holds a copy: 20 wrong codes sent at once, half to each node, had each node's copy count its
    # own. Every attempt evaluated is also reserved on the account lock (threshold 10), whose row therefore tells how
    # many were evaluated.
    client, transaction = challenged(NODE[1], "alice")
    # each lock (threshold 10) starts the count again and adds one to lockouts
    failures = ("SELECT consecutive_failures + 10 * lockouts FROM tollgate_account_lock"
                " WHERE username = 'alice'")
    before = int(psql(failures) or 0)  # the replayed code of an earlier check counted too
    fresh_step()
    wrong = f"{(int(code(secret)) + 1) % 1000000:06d}"
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda i: client.verify(NODE[1 + i % 2], transaction, code=wrong), range(20)))
    statuses = {}
    for answer in answers:
        key = f"{answer.status} {answer.json.get('error')}"
        statuses[key] = statuses.get(key, 0) + 1
    evaluated = int(psql(failures) or 0) - before
    check(evaluated <= 5, f"at most the transaction's 5 attempts evaluated of 20 over both nodes: {evaluated},"
                          f" answers {statuses}")
    check(all(a.status in (401, 410, 429) for a in answers), f"every answer a refusal: {statuses}")
    check(statuses.get("401 invalid_code", 0) <= 4, f"at most 4 wrong codes with attempts left: {statuses}")
    answer = client.verify(BALANCER, transaction, code=code(secret))
    check(answer.status in (401, 410, 429) and answer.json.get("aal") != "aal2",
          f"the right code after the transaction's attempts are spent: {answer}")
    say(f"ok: 20 concurrent wrong codes for one transaction over both nodes: {evaluated} evaluated (the account"
        f" lock counted them), answers {statuses}; the right code afterwards refused: {answer.status}")


def postgres_restarted(secret):
    client, transaction = challenged(NODE[1], "dave")
    subprocess.run(["bash", os.path.join(ROOT, ".ci/postgres"), POSTGRES_DIR, "stop"], check=True)
    say("PostgreSQL stopped")
    answers = [client.verify(node, transaction, code=code(secret)) for node in (NODE[1], NODE[2])]
    answers.append(Client().login(BALANCER, "carol"))
    for answer in answers:
        check(answer.status == 503 and answer.json.get("error") == "unavailable",
              f"with the database down, a sign-in fails closed: {answer}")
    subprocess.run(["bash", os.path.join(ROOT, ".ci/postgres"), POSTGRES_DIR, "start"], check=True)
    say("PostgreSQL started again")
    deadline, tries, answer = time.time() + 60, 0, None
    while time.time() < deadline:
        fresh_step()
        answer = client.verify(NODE[2], transaction, code=code(secret))
        tries += 1
        if answer.status != 503:
            break
        time.sleep(1)
    check(answer.status == 200 and answer.json.get("aal") == "aal2",
          f"after the restart, the same sign-in finishes without a restart of the nodes: {answer}")
    say(f"ok: with PostgreSQL down the code and a new password got 503 unavailable on both nodes; once it was back"
        f" the same sign-in reached aal2 (attempt {tries} after the restart)")


def node_killed_after_the_password(recovery_codes):
    client, transaction = challenged(NODE[1], "alice")
    pid = subprocess.run(["pgrep", "-f", "--", f"--port {PORT + 1} "], capture_output=True, text=True).stdout.split()
    check(len(pid) == 1, f"node 1's process: {pid}")
    os.kill(int(pid[0]), 9)
    say(f"node 1 (pid {pid[0]}) killed with SIGKILL after alice's password")
    answer = client.verify(NODE[2], transaction, recovery=recovery_codes[0])
    check(answer.status == 200 and answer.json.get("aal") == "aal2", f"alice finishes on node 2: {answer}")
    # and through the balancer, which must not send her to the dead node
    for _ in range(4):
        answer = client.call(BALANCER, "GET", "/mfa/api/factors")
        check(answer.status == 200 and answer.json.get("aal") == "aal2", f"through the balancer: {answer}")
    say("ok: node 1 killed after the password; the user finished on node 2 with a recovery code, and the balancer"
        " serves her at aal2")


def main():
    migration_ran_once()
    alice, alice_recovery = enrol("alice")
    bob, _ = enrol("bob")
    dave, _ = enrol("dave")
    say("alice, bob and dave have an authenticator app (password on node 1, confirmed on node 2)")
    the_other_node_sees_each_answer_at_once()
    used = password_on_one_node_code_on_the_other(alice)
    code_used_on_one_node_refused_on_the_other(used)
    fifty_submissions_of_one_code(bob)
    postgres_restarted(dave)
    lock_counts_every_node(dave)
    attempts_of_one_transaction_across_nodes(alice)
    node_killed_after_the_password(alice_recovery)
    say("all cluster checks passed")


if __name__ == "__main__":
    main()
