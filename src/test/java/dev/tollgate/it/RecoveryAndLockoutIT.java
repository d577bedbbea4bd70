package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.Whoami;
import dev.tollgate.it.apps.WhoamiServlet;
import dev.tollgate.it.apps.audit.AuditServlet;
import dev.tollgate.it.apps.audit.AuditTrail;
import dev.tollgate.it.apps.audit.LogCapture;
import dev.tollgate.it.apps.audit.LogServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recovery codes, the per-account lock and the security events, over HTTP on a FORM-realm application with policy
 * {@code optional}. The lock is set to 4 consecutive failures and transactions to 3 attempts, so that the lock is
 * shown to span transactions and sessions.
 */
@ExtendWith(ArquillianExtension.class)
class RecoveryAndLockoutIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withTollgate("recovery")
                .addClasses(Whoami.class, WhoamiServlet.class, AuditTrail.class, AuditServlet.class, LogCapture.class,
                        LogServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .merge(Deployments.formLoginPages())
                .setWebXML(new StringAsset(Deployments.webXml(Map.of(
                        "tollgate.policy", "required",
                        "tollgate.transaction.maxAttempts", "3",
                        "tollgate.lockout.threshold", "4"), """
                          <security-constraint>
                            <web-resource-collection><web-resource-name>secure</web-resource-name>
                              <url-pattern>/secure/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>staff</role-name></auth-constraint>
                          </security-constraint>
                          """ + Deployments.FORM_REALM_LOGIN + """
                        """)));
    }

    @ArquillianResource
    private URL base;

    @BeforeEach
    void deployed() {
        assertTrue(base.getPath().endsWith("/recovery/"), "the deployment failed: see the server log " + base);
    }

    private static String login(String user) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + Deployments.PASSWORD + "\"}";
    }

    /** Enrols a user through the API; returns the secret and the recovery codes. */
    private record Enrolled(String secret, List<String> recoveryCodes) {
    }

    private Enrolled enrol(String user) {
        Client client = new Client(base);
        HttpResponse<String> login = client.postJson("mfa/api/login", login(user));
        assertEquals("enrollment_required", json(login).getString("status"), login.body());
        JsonObject factor = json(client.postJson("mfa/api/factors/totp", "{}"));
        String secret = factor.getString("secret");
        HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + factor.getString("factorId")
                + "/verify", Json.createObjectBuilder().add("code", Codes.code(secret, -1)).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        JsonArray codes = json(confirmed).getJsonArray("recoveryCodes");
        assertEquals(10, codes.size(), "the first factor comes with ten recovery codes");
        List<String> recovery = codes.getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        client.postJson("mfa/api/logout", "{}");
        return new Enrolled(secret, recovery);
    }

    private String transaction(Client client, String user) {
        HttpResponse<String> login = client.postJson("mfa/api/login", login(user));
        assertEquals("mfa_required", json(login).getString("status"), login.body());
        return json(login).getString("transactionId");
    }

    private HttpResponse<String> verify(Client client, String transactionId, String field, String value) {
        return client.postJson("mfa/api/verify", Json.createObjectBuilder().add("transactionId", transactionId)
                .add(field, value).build());
    }

    @Test
    void signsInOnceWithEachRecoveryCodeAndCountsWhatRemains() {
        Enrolled alice = enrol("alice");
        Client lostPhone = new Client(base);
        HttpResponse<String> used = verify(lostPhone, transaction(lostPhone, "alice"), "recoveryCode",
                alice.recoveryCodes().get(0).toUpperCase());
        assertEquals(200, used.statusCode(), used.body());
        assertEquals("aal2", json(used).getString("aal"));
        assertEquals(9, json(used).getInt("recoveryCodesRemaining"));
        assertEquals("user=alice staff=true admin=false aal=aal2", lostPhone.get("secure/whoami").body());
        assertEquals(9, json(lostPhone.get("mfa/api/factors")).getInt("recoveryCodesRemaining"));

        Client again = new Client(base);
        HttpResponse<String> reused = verify(again, transaction(again, "alice"), "recoveryCode",
                alice.recoveryCodes().get(0));
        assertEquals(401, reused.statusCode(), "a recovery code works once");

        HttpResponse<String> fresh = lostPhone.postJson("mfa/api/recovery-codes", "{}");
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertEquals(10, json(fresh).getJsonArray("recoveryCodes").size());
        Client later = new Client(base);
        assertEquals(401, verify(later, transaction(later, "alice"), "recoveryCode", alice.recoveryCodes().get(1))
                .statusCode(), "the old set died with the new one");
    }

    @Test
    void letsExactlyOneOfTwentyConcurrentUsesOfARecoveryCodeWin() throws Exception {
        Enrolled bob = enrol("bob");
        int sessions = 20;
        List<Client> clients = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Client client = new Client(base);
            clients.add(client);
            transactions.add(transaction(client, "bob"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return verify(clients.get(n), transactions.get(n), "recoveryCode", bob.recoveryCodes().get(5))
                        .statusCode();
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            assertTrue(status == 200 || status == 401 || status == 429, "status " + status);
            wins += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, wins);
    }

    @Test
    void locksTheAccountAcrossSessionsAfterConsecutiveFailures() {
        Enrolled carol = enrol("carol");
        Client first = new Client(base);
        String firstTransaction = transaction(first, "carol");
        for (int i = 0; i < 3; i++) {
            verify(first, firstTransaction, "code", Codes.wrongCode(carol.secret()));
        }
        Client second = new Client(base);
        HttpResponse<String> locked = verify(second, transaction(second, "carol"), "code",
                Codes.wrongCode(carol.secret()));
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("too_many_attempts", json(locked).getString("error"));
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());

        Client third = new Client(base);
        HttpResponse<String> refused = verify(third, transaction(third, "carol"), "code",
                Codes.code(carol.secret(), 0));
        assertEquals(429, refused.statusCode(), "even the right code waits until the lock ends");

        Client other = new Client(base);
        Enrolled dave = enrol("dave");
        assertEquals(200, verify(other, transaction(other, "dave"), "code", Codes.code(dave.secret(), 0))
                .statusCode(), "other accounts are not affected");
    }

    @Test
    void firesCdiEventsAndKeepsCodesOutOfEveryLogLine() throws Exception {
        Enrolled erin = enrol("erin");
        Client client = new Client(base);
        verify(client, transaction(client, "erin"), "code", Codes.wrongCode(erin.secret()));
        HttpResponse<String> ok = verify(client, transaction(client, "erin"), "recoveryCode",
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
        Enrolled frank = enrol("frank");
        Client admin = new Client(base);
        assertEquals(200, verify(admin, transaction(admin, "frank"), "code", Codes.code(frank.secret(), 0))
                .statusCode());
        HttpResponse<String> absent = admin.get("mfa/api/admin/users/alice/factors");
        assertEquals(404, absent.statusCode(), "even at aal2, without tollgate.admin.role: " + absent.body());
        assertEquals("not_found", json(absent).getString("error"));
        assertEquals(404, admin.delete("mfa/api/admin/users/alice/factors").statusCode());
    }
}
