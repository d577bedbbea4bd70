package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.Whoami;
import dev.tollgate.it.apps.WhoamiServlet;
import dev.tollgate.it.apps.faults.TablesServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks and faults on a FORM-realm application (policy {@code required}) whose Tollgate tables live in a file
 * database of their own, so that the test can take the database away and restart the server on the same data:
 * replays racing from fifty sessions, cross-origin calls, hostile input that must change nothing, a database that
 * disappears mid-sign-in, and a server restart.
 *
 * <p>The deployment is started and stopped by the tests themselves (in this order) to restart it once.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayAndFaultsIT {

    private static final String DEPLOYMENT = "faults";
    private static final Path DATABASE = Path.of("target", "faults-it", "tollgate").toAbsolutePath();
    private static final Path DATABASE_FILE = Path.of(DATABASE + ".mv.db");

    /** Carried from before the restart to after it. */
    private static String restartSecret;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() throws Exception {
        createEmptyDatabase();
        File h2 = new File(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Deployments.withTollgate("faults")
                .addAsLibrary(h2)
                .addClasses(Whoami.class, WhoamiServlet.class, TablesServlet.class)
                .merge(Deployments.formLoginPages())
                .setWebXML(new StringAsset(Deployments.webXml(Map.of(
                        "tollgate.policy", "required",
                        "tollgate.lockout.threshold", "100",
                        "tollgate.dataSource", "java:app/jdbc/faults"), """
                          <security-constraint>
                            <web-resource-collection><web-resource-name>secure</web-resource-name>
                              <url-pattern>/secure/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>staff</role-name></auth-constraint>
                          </security-constraint>
                          """ + Deployments.FORM_REALM_LOGIN + """
                          <data-source>
                            <name>java:app/jdbc/faults</name>
                            <class-name>org.h2.jdbcx.JdbcDataSource</class-name>
                            <url>jdbc:h2:file:%s;IFEXISTS=TRUE</url>
                            <property><name>fish.payara.is-connection-validation-required</name><value>true</value></property>
                            <property><name>fish.payara.connection-validation-method</name><value>meta-data</value></property>
                            <property><name>fish.payara.fail-all-connections</name><value>true</value></property>
                          </data-source>
                        """.formatted(DATABASE))));
    }

    /** The server may only open the database, never create it: a missing file must look like a lost database. */
    private static void createEmptyDatabase() throws IOException, SQLException {
        Path dir = DATABASE.getParent();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        try (Connection created = DriverManager.getConnection("jdbc:h2:file:" + DATABASE)) {
            created.createStatement().execute("SELECT 1");
        }
    }

    @ArquillianResource
    private Deployer deployer;

    private static String login(String user) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + Deployments.PASSWORD + "\"}";
    }

    private static String enrol(Client client, String user) {
        HttpResponse<String> login = client.postJson("mfa/api/login", login(user));
        assertEquals("enrollment_required", json(login).getString("status"), login.body());
        JsonObject factor = json(client.postJson("mfa/api/factors/totp", "{}"));
        String secret = factor.getString("secret");
        HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + factor.getString("factorId")
                + "/verify", Json.createObjectBuilder().add("code", Codes.code(secret, -1)).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        client.postJson("mfa/api/logout", "{}");
        return secret;
    }

    private static String transaction(Client client, String user) {
        HttpResponse<String> login = client.postJson("mfa/api/login", login(user));
        assertEquals("mfa_required", json(login).getString("status"), login.body());
        return json(login).getString("transactionId");
    }

    private static HttpResponse<String> verify(Client client, String transactionId, String code) {
        return client.postJson("mfa/api/verify", Json.createObjectBuilder().add("transactionId", transactionId)
                .add("code", code).build());
    }

    /** Every row of Tollgate's tables, read by an anonymous client (the filter holds signed-in sessions). */
    private static String tables(URL base) {
        HttpResponse<String> tables = new Client(base).get("tables");
        assertEquals(200, tables.statusCode(), tables.body());
        return tables.body();
    }

    @Test
    @Order(1)
    void start() {
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(2)
    void letsExactlyOneOfFiftySessionsUseTheSameCode(@ArquillianResource @OperateOnDeployment(DEPLOYMENT) URL base)
            throws Exception {
        String secret = enrol(new Client(base), "oscar");
        int sessions = 50;
        List<Client> clients = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Client client = new Client(base);
            clients.add(client);
            transactions.add(transaction(client, "oscar"));
        }
        String code = Codes.code(secret, 0);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return verify(clients.get(n), transactions.get(n), code).statusCode();
            }));
        }
        start.countDown();
        int reachedAal2 = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            assertTrue(status == 200 || status == 401, "status " + status);
            reachedAal2 += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, reachedAal2, "a code works once, whatever races");
        long atAal2 = clients.stream().filter(c -> c.get("secure/whoami").body().endsWith("aal=aal2")).count();
        assertEquals(1, atAal2);
    }

    @Test
    @Order(3)
    void refusesCrossOriginCallsToTheApi(@ArquillianResource @OperateOnDeployment(DEPLOYMENT) URL base) {
        Client client = new Client(base);
        HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(client.uri("mfa/api/login"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(login("peggy"))));
        assertEquals(403, foreign.statusCode());
        assertEquals("forbidden_origin", json(foreign).getString("error"));
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> same = client.send(HttpRequest.newBuilder(client.uri("mfa/api/login"))
                .header("Content-Type", "application/json").header("Origin", own)
                .POST(HttpRequest.BodyPublishers.ofString(login("peggy"))));
        assertEquals(200, same.statusCode(), same.body());
    }

    @Test
    @Order(4)
    void answersHostileInputWithAClearErrorAndChangesNothing(
            @ArquillianResource @OperateOnDeployment(DEPLOYMENT) URL base) {
        Client victim = new Client(base);
        String secret = enrol(victim, "trent");
        String transactionId = transaction(victim, "trent");
        String before = tables(base);
        assertTrue(before.contains("tollgate_factor|"), before);
        List<String> bodies = List.of(
                "{\"transactionId\":\"" + transactionId + "\",\"code\":\"12345a\"}",
                "{\"transactionId\":\"" + transactionId + "\",\"code\":\"\u0661\u0662\u0663\u0664\u0665\u0666\"}",
                "{\"transactionId\":\"" + transactionId + "\",\"code\":\"1234567890123\"}",
                "{\"transactionId\":\"" + transactionId + "\",\"code\":null}",
                "{\"transactionId\":\"" + transactionId + "\",\"code\":123456}",
                "{\"transactionId\":\"' OR 1=1 --\",\"code\":\"123456\"}",
                "{\"transactionId\":\"" + transactionId + "\",\"recoveryCode\":\"'; DROP TABLE tollgate_factor; --\"}",
                "{\"transactionId\":\"" + transactionId + "\"",
                "[1,2,3]",
                "{\"transactionId\":\"" + transactionId + "\",\"code\":\"" + "9".repeat(9000) + "\"}");
        for (String body : bodies) {
            HttpResponse<String> answer = victim.postJson("mfa/api/verify", body);
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500 && answer.statusCode() != 401,
                    answer.statusCode() + " for " + body.substring(0, Math.min(80, body.length())));
            assertTrue(json(answer).containsKey("error") && json(answer).containsKey("message"), answer.body());
        }
        for (String path : List.of("mfa/api/factors/..%2F..%2Fetc%2Fpasswd", "mfa/api/factors/1' OR '1'='1")) {
            HttpResponse<String> answer = victim.delete(path.replace(" ", "%20").replace("'", "%27"));
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, answer.statusCode() + " " + path);
        }
        HttpResponse<String> sqlUser = new Client(base).postJson("mfa/api/login",
                "{\"username\":\"alice' OR '1'='1\",\"password\":\"x' OR '1'='1\"}");
        assertEquals(401, sqlUser.statusCode());
        assertEquals(before, tables(base), "refused input changed the database");
        assertEquals(200, verify(victim, transactionId, Codes.code(secret, 0)).statusCode(),
                "the transaction survived the attempts that proved nothing");
    }

    @Test
    @Order(5)
    void failsClosedWhileTheDatabaseIsGoneAndRecovers(@ArquillianResource @OperateOnDeployment(DEPLOYMENT) URL base)
            throws Exception {
        Client victor = new Client(base);
        String secret = enrol(victor, "victor");
        String transactionId = transaction(victor, "victor");
        String before = tables(base);
        assertTrue(before.contains("tollgate_factor|"), before);

        Client operator = new Client(base);
        assertEquals(204, operator.send(HttpRequest.newBuilder(operator.uri("tables"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        Path away = Path.of(DATABASE_FILE + ".away");
        Files.move(DATABASE_FILE, away, StandardCopyOption.ATOMIC_MOVE);
        try {
            HttpResponse<String> down = verify(victor, transactionId, Codes.code(secret, 0));
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("unavailable", json(down).getString("error"));
            assertFalse(down.body().contains("Exception"), down.body());
            HttpResponse<String> page = victor.get("secure/whoami");
            assertFalse(page.body().endsWith("aal=aal2"), "no way in without the store");
            HttpResponse<String> newLogin = new Client(base).postJson("mfa/api/login", login("victor"));
            assertEquals(503, newLogin.statusCode(), newLogin.body());
        } finally {
            Files.move(away, DATABASE_FILE, StandardCopyOption.ATOMIC_MOVE);
        }
        // the server's pool drops each connection that died with the database as it is next used
        for (int i = 0; i < 30 && new Client(base).get("tables").statusCode() != 200; i++) {
            assertTrue(i < 29, "the database never came back");
        }
        assertEquals(before, tables(base), "nothing half-written");
        Client again = new Client(base);
        assertEquals(200, verify(again, transaction(again, "victor"), Codes.code(secret, 0)).statusCode(),
                "the factor works once the database is back");
    }

    @Test
    @Order(6)
    void enrolsBeforeARestart(@ArquillianResource @OperateOnDeployment(DEPLOYMENT) URL base) {
        restartSecret = enrol(new Client(base), "peggy");
    }

    @Test
    @Order(7)
    void restartsTheServer() {
        deployer.undeploy(DEPLOYMENT);
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(8)
    void keepsEveryConfirmedFactorWorkingAfterTheRestart(
            @ArquillianResource @OperateOnDeployment(DEPLOYMENT) URL base) {
        Client peggy = new Client(base);
        HttpResponse<String> verified = verify(peggy, transaction(peggy, "peggy"), Codes.code(restartSecret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=peggy staff=true admin=false aal=aal2", peggy.get("secure/whoami").body());
        HttpResponse<String> replay = verify(new Client(base), transaction(new Client(base), "peggy"),
                Codes.code(restartSecret, -1));
        assertEquals(410, replay.statusCode(), "a fresh client has no transaction of its own: " + replay.body());
    }

    @Test
    @Order(9)
    void stop() {
        deployer.undeploy(DEPLOYMENT);
    }
}
