package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.faults.TablesServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import dev.tollgate.testing.Race;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Attacks and faults on a FORM-realm application (policy {@code required}) whose Tollgate tables live in a file
 * database of their own, so that the test can take the database away: replays racing from fifty sessions,
 * cross-origin calls, hostile input that must change nothing, and a database that disappears mid-sign-in. The restart
 * of the server on the same data is {@link ServerRestartIT}.
 */
class ReplayAndFaultsIT extends InContainerTest {

    private static final Path DATABASE = Path.of("target", "faults-it", "tollgate").toAbsolutePath();
    private static final Path DATABASE_FILE = Path.of(DATABASE + ".mv.db");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("faults")
                .classes(TablesServlet.class)
                .fileDatabase(DATABASE)
                .setting("tollgate.policy", "required")
                .setting("tollgate.lockout.threshold", "100")
                .formRealmLogin()
                .build();
    }

    ReplayAndFaultsIT() {
        super("faults");
    }

    /** Enrols a user without factor in the client, whose sign-in then ends; returns the secret. */
    private static String enrol(Client client, String user) {
        return Enrol.newUser(client, user, "enrollment_required").secret();
    }

    /** Every row of Tollgate's tables, read by an anonymous client (the filter holds signed-in sessions). */
    private String tables() {
        HttpResponse<String> tables = new Client(base).get("tables");
        assertEquals(200, tables.statusCode(), tables.body());
        return tables.body();
    }

    /** JSON cut short: the text a client sends when its connection or its serializer fails mid-way. */
    private static String withoutLastCharacter(JsonValue json) {
        String text = json.toString();
        return text.substring(0, text.length() - 1);
    }

    @Test
    void letsExactlyOneOfFiftySessionsUseTheSameCode() throws Exception {
        String secret = enrol(new Client(base), "oscar");
        int sessions = 50;
        List<Client> clients = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Client client = new Client(base);
            clients.add(client);
            transactions.add(SignIn.transaction(client, "oscar"));
        }
        String code = Codes.code(secret, 0);
        List<Callable<Integer>> uses = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            uses.add(() -> SignIn.verify(clients.get(n), transactions.get(n), code).statusCode());
        }
        int reachedAal2 = 0;
        for (int status : Race.run(uses)) {
            assertTrue(status == 200 || status == 401, "status " + status);
            reachedAal2 += status == 200 ? 1 : 0;
        }
        assertEquals(1, reachedAal2, "a code works once, whatever races");
        long atAal2 = clients.stream().filter(c -> c.get("secure/whoami").body().endsWith("aal=aal2")).count();
        assertEquals(1, atAal2);
    }

    @Test
    void refusesCrossOriginCallsToTheApi() {
        Client client = new Client(base);
        HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(client.uri("mfa/api/login"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(SignIn.credentials("peggy").toString())));
        assertEquals(403, foreign.statusCode());
        assertEquals("forbidden_origin", json(foreign).getString("error"));
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> same = client.send(HttpRequest.newBuilder(client.uri("mfa/api/login"))
                .header("Content-Type", "application/json").header("Origin", own)
                .POST(HttpRequest.BodyPublishers.ofString(SignIn.credentials("peggy").toString())));
        assertEquals(200, same.statusCode(), same.body());
    }

    @Test
    void answersHostileInputWithAClearErrorAndChangesNothing() {
        Client victim = new Client(base);
        String secret = enrol(victim, "trent");
        String transactionId = SignIn.transaction(victim, "trent");
        String before = tables();
        assertTrue(before.contains("tollgate_factor|"), before);
        // well-formed JSON of the wrong shape or content, then text that is not JSON at all
        List<String> bodies = List.of(
                SignIn.verifyBody(transactionId, "code", "12345a").toString(),
                SignIn.verifyBody(transactionId, "code", "\u0661\u0662\u0663\u0664\u0665\u0666").toString(),
                SignIn.verifyBody(transactionId, "code", "1234567890123").toString(),
                Json.createObjectBuilder().add("transactionId", transactionId).addNull("code").build().toString(),
                Json.createObjectBuilder().add("transactionId", transactionId).add("code", 123456).build().toString(),
                SignIn.verifyBody("' OR 1=1 --", "code", "123456").toString(),
                SignIn.verifyBody(transactionId, "recoveryCode", "'; DROP TABLE tollgate_factor; --").toString(),
                Json.createArrayBuilder().add(1).add(2).add(3).build().toString(),
                SignIn.verifyBody(transactionId, "code", "9".repeat(9000)).toString(),
                withoutLastCharacter(Json.createObjectBuilder().add("transactionId", transactionId).build()));
        for (String body : bodies) {
            HttpResponse<String> answer = victim.postJsonText("mfa/api/verify", body);
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500 && answer.statusCode() != 401,
                    answer.statusCode() + " for " + body.substring(0, Math.min(80, body.length())));
            assertTrue(json(answer).containsKey("error") && json(answer).containsKey("message"), answer.body());
        }
        for (String path : List.of("mfa/api/factors/..%2F..%2Fetc%2Fpasswd", "mfa/api/factors/1' OR '1'='1")) {
            HttpResponse<String> answer = victim.delete(path.replace(" ", "%20").replace("'", "%27"));
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, answer.statusCode() + " " + path);
        }
        HttpResponse<String> sqlUser = new Client(base).postJson("mfa/api/login",
                SignIn.credentials("alice' OR '1'='1", "x' OR '1'='1"));
        assertEquals(401, sqlUser.statusCode());
        assertEquals(before, tables(), "refused input changed the database");
        assertEquals(200, SignIn.verify(victim, transactionId, Codes.code(secret, 0)).statusCode(),
                "the transaction survived the attempts that proved nothing");
    }

    @Test
    void failsClosedWhileTheDatabaseIsGoneAndRecovers() throws Exception {
        Client victor = new Client(base);
        String secret = enrol(victor, "victor");
        String transactionId = SignIn.transaction(victor, "victor");
        String before = tables();
        assertTrue(before.contains("tollgate_factor|"), before);

        Client operator = new Client(base);
        assertEquals(204, operator.send(HttpRequest.newBuilder(operator.uri("tables"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        Path away = Path.of(DATABASE_FILE + ".away");
        Files.move(DATABASE_FILE, away, StandardCopyOption.ATOMIC_MOVE);
        try {
            HttpResponse<String> down = SignIn.verify(victor, transactionId, Codes.code(secret, 0));
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("unavailable", json(down).getString("error"));
            assertFalse(down.body().contains("Exception"), down.body());
            HttpResponse<String> page = victor.get("secure/whoami");
            assertFalse(page.body().endsWith("aal=aal2"), "no way in without the store");
            HttpResponse<String> newLogin = new Client(base).postJson("mfa/api/login", SignIn.credentials("victor"));
            assertEquals(503, newLogin.statusCode(), newLogin.body());
        } finally {
            Files.move(away, DATABASE_FILE, StandardCopyOption.ATOMIC_MOVE);
        }
        // the server's pool drops each connection that died with the database as it is next used
        for (int i = 0; i < 30 && new Client(base).get("tables").statusCode() != 200; i++) {
            assertTrue(i < 29, "the database never came back");
        }
        assertEquals(before, tables(), "nothing half-written");
        Client again = new Client(base);
        HttpResponse<String> back = SignIn.verify(again, SignIn.transaction(again, "victor"), Codes.code(secret, 0));
        assertEquals(200, back.statusCode(), "the factor works once the database is back: " + back.body());
    }
}
