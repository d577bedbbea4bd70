package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.audit.AuditServlet;
import dev.tollgate.it.apps.audit.AuditTrail;
import dev.tollgate.it.apps.audit.LogCapture;
import dev.tollgate.it.apps.audit.LogServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.Enrol.AuthenticatorApp;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import dev.tollgate.testing.Race;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recovery codes, the per-account lock and the security events, over HTTP on a FORM-realm application with policy
 * {@code optional}. The lock is set to 4 consecutive failures and transactions to 3 attempts, so that the lock is
 * shown to span transactions and sessions.
 */
@Tag("portable")
class RecoveryAndLockoutIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("recovery")
                .classes(AuditTrail.class, AuditServlet.class, LogCapture.class, LogServlet.class)
                .beans()
                .setting("tollgate.policy", "required")
                .setting("tollgate.transaction.maxAttempts", "3")
                .setting("tollgate.lockout.threshold", "4")
                .formRealmLogin()
                .build();
    }

    RecoveryAndLockoutIT() {
        super("recovery");
    }

    /** Enrols a user through the API, which comes with ten recovery codes. */
    private AuthenticatorApp enrol(String user) {
        AuthenticatorApp app = Enrol.newUser(new Client(base), user, "enrollment_required");
        assertEquals(10, app.recoveryCodes().size(), "the first factor comes with ten recovery codes");
        return app;
    }

    @Test
    void signsInOnceWithEachRecoveryCodeAndCountsWhatRemains() {
        AuthenticatorApp alice = enrol("alice");
        Client lostPhone = new Client(base);
        HttpResponse<String> used = SignIn.verifyWithRecoveryCode(lostPhone, SignIn.transaction(lostPhone, "alice"),
                alice.recoveryCodes().get(0).toUpperCase());
        assertEquals(200, used.statusCode(), used.body());
        assertEquals("aal2", json(used).getString("aal"));
        assertEquals(9, json(used).getInt("recoveryCodesRemaining"));
        assertEquals("user=alice staff=true admin=false aal=aal2", lostPhone.get("secure/whoami").body());
        assertEquals(9, json(lostPhone.get("mfa/api/factors")).getInt("recoveryCodesRemaining"));

        Client again = new Client(base);
        HttpResponse<String> reused = SignIn.verifyWithRecoveryCode(again, SignIn.transaction(again, "alice"),
                alice.recoveryCodes().get(0));
        assertEquals(401, reused.statusCode(), "a recovery code works once");

        HttpResponse<String> fresh = lostPhone.postJson("mfa/api/recovery-codes", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertEquals(10, json(fresh).getJsonArray("recoveryCodes").size());
        Client later = new Client(base);
        assertEquals(401, SignIn.verifyWithRecoveryCode(later, SignIn.transaction(later, "alice"),
                alice.recoveryCodes().get(1)).statusCode(), "the old set died with the new one");
    }

    @Test
    void letsExactlyOneOfTwentyConcurrentUsesOfARecoveryCodeWin() throws Exception {
        AuthenticatorApp bob = enrol("bob");
        int sessions = 20;
        String code = bob.recoveryCodes().get(5);
        List<Callable<Integer>> uses = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Client client = new Client(base);
            String transactionId = SignIn.transaction(client, "bob");
            uses.add(() -> SignIn.verifyWithRecoveryCode(client, transactionId, code).statusCode());
        }
        int wins = 0;
        for (int status : Race.run(uses)) {
            assertTrue(status == 200 || status == 401 || status == 429, "status " + status);
            wins += status == 200 ? 1 : 0;
        }
        assertEquals(1, wins);
    }

    @Test
    void locksTheAccountAcrossSessionsAfterConsecutiveFailures() {
        AuthenticatorApp carol = enrol("carol");
        Client first = new Client(base);
        String firstTransaction = SignIn.transaction(first, "carol");
        for (int i = 0; i < 3; i++) {
            SignIn.verify(first, firstTransaction, Codes.wrongCode(carol.secret()));
        }
        Client second = new Client(base);
        HttpResponse<String> locked = SignIn.verify(second, SignIn.transaction(second, "carol"),
                Codes.wrongCode(carol.secret()));
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("too_many_attempts", json(locked).getString("error"));
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());

        Client third = new Client(base);
        HttpResponse<String> refused = SignIn.verify(third, SignIn.transaction(third, "carol"),
                Codes.code(carol.secret(), 0));
        assertEquals(429, refused.statusCode(), "even the right code waits until the lock ends");

        Client other = new Client(base);
        AuthenticatorApp dave = enrol("dave");
        assertEquals(200, SignIn.verify(other, SignIn.transaction(other, "dave"), Codes.code(dave.secret(), 0))
                .statusCode(), "other accounts are not affected");
    }

    @Test
    void evaluatesAtMostTheThresholdOfFortyConcurrentWrongCodesFromFortySessions() throws Exception {
        AuthenticatorApp grace = enrol("grace");
        String wrong = Codes.wrongCode(grace.secret());
        List<Callable<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Client client = new Client(base);
            String transactionId = SignIn.transaction(client, "grace");
            guesses.add(() -> SignIn.verify(client, transactionId, wrong));
        }
        int evaluated = 0;
        for (HttpResponse<String> answer : Race.run(guesses)) {
            if (answer.statusCode() == 401) {
                assertEquals("invalid_code", json(answer).getString("error"), answer.body());
                evaluated++;
            } else {
                assertEquals(429, answer.statusCode(), answer.body());
                assertEquals("too_many_attempts", json(answer).getString("error"));
                assertTrue(answer.headers().firstValue("Retry-After").isPresent());
            }
        }
        // the threshold is 4: three wrong codes are told so, the fourth locks, and the other 36 are never evaluated
        assertTrue(evaluated <= 4, evaluated + " of 40 concurrent wrong codes evaluated");
        String audit = new Client(base).get("audit").body();
        assertEquals(4, audit.split("event=second_factor_failed user=\"grace\"", -1).length - 1, audit);
    }

    @Test
    void firesCdiEventsAndKeepsCodesOutOfEveryLogLine() throws Exception {
        AuthenticatorApp erin = enrol("erin");
        Client client = new Client(base);
        SignIn.verify(client, SignIn.transaction(client, "erin"), Codes.wrongCode(erin.secret()));
        HttpResponse<String> ok = SignIn.verifyWithRecoveryCode(client, SignIn.transaction(client, "erin"),
                erin.recoveryCodes().get(2));
        assertEquals(200, ok.statusCode());

        String audit = new Client(base).get("audit").body();
        for (String type : List.of("factor_enrolled", "factor_confirmed", "recovery_codes_regenerated",
                "second_factor_failed", "recovery_code_used")) {
            assertTrue(audit.contains("event=" + type + " user=\"erin\""), type + " in " + audit);
        }
        // the client's address as the server saw it: this test connects to the server's own address
        boolean clientAddress = false;
        for (java.net.InetAddress address : java.net.InetAddress.getAllByName(base.getHost())) {
            clientAddress |= audit.contains("ip=\"" + address.getHostAddress() + "\"");
        }
        assertTrue(clientAddress, audit);

        // every log record of the server's JVM since the application started: no secret, code or recovery code
        String text = new Client(base).get("logs").body();
        assertTrue(text.contains("dev.tollgate.audit"), "the audit logger wrote log records");
        assertTrue(text.contains("event=second_factor_failed user=\"erin\""), "the failure is logged");
        assertFalse(text.contains(erin.secret()), "secret in the log");
        for (String code : erin.recoveryCodes()) {
            assertFalse(text.contains(code) || text.contains(code.replace("-", "")), "recovery code in the log");
        }
        for (int offset = -1; offset <= 1; offset++) {
            assertFalse(text.matches("(?s).*\\b" + Codes.code(erin.secret(), offset) + "\\b.*"), "code in the log");
        }
    }

    @Test
    void hasNoAdministratorEndpointWithoutTheRoleSetting() {
        AuthenticatorApp frank = enrol("frank");
        Client admin = new Client(base);
        assertEquals(200, SignIn.verify(admin, SignIn.transaction(admin, "frank"), Codes.code(frank.secret(), 0))
                .statusCode());
        HttpResponse<String> absent = admin.get("mfa/api/admin/users/alice/factors");
        assertEquals(404, absent.statusCode(), "even at aal2, without tollgate.admin.role: " + absent.body());
        assertEquals("not_found", json(absent).getString("error"));
        assertEquals(404, admin.delete("mfa/api/admin/users/alice/factors").statusCode());
    }
}
