package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.migration.HistoryServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.TestApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tollgate's Flyway migration inside Payara, from {@code tollgate.jar} in {@code WEB-INF/lib} (where Flyway must find
 * {@code db/tollgate} through the web application's class loader): a database that Tollgate 0.1 made with
 * {@code create-or-extend-tables} is baselined at start-up with every row kept, under the default
 * {@code tollgate.schemaGeneration}. (Every other in-container test migrates an empty
 * {@code java:comp/DefaultDataSource}.)
 */
@ExtendWith(ArquillianExtension.class)
class MigrationIT {

    private static final Path DATABASE = Path.of("target", "migration-it", "tollgate").toAbsolutePath();
    private static final String DUMP = "/dev/tollgate/store/create-or-extend-tables-0.1.sql";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        WebArchive war = TestApplication.named("migration").classes(HistoryServlet.class).fileDatabase(DATABASE)
                .build();
        loadTheTablesOfVersionZeroPointOne();
        return war;
    }

    /** Tollgate 0.1's tables and rows, as its create-or-extend-tables left them: no history table. */
    private static void loadTheTablesOfVersionZeroPointOne() throws IOException, SQLException {
        String script;
        try (InputStream in = MigrationIT.class.getResourceAsStream(DUMP)) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        }
        try (Connection created = DriverManager.getConnection("jdbc:h2:file:" + DATABASE);
                Statement sql = created.createStatement()) {
            for (String statement : script.split(";\\s*\n")) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
        }
    }

    @ArquillianResource
    private URL base;

    @Test
    void baselinesTheTablesOfCreateOrExtendTablesAtStartUpAndKeepsEveryRow() {
        assertTrue(base.getPath().endsWith("/migration/"), "the deployment failed: see the server log " + base);
        HttpResponse<String> history = new Client(base).get("history");

        assertEquals(200, history.statusCode(), history.body());
        assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.concat(
                java.util.stream.Stream.of("history 1 BASELINE true"),
                laterVersions().stream().map(v -> "history " + v + " SQL true")), java.util.stream.Stream.of(
                "tollgate_factor 8f1f3c52-0000-4000-8000-000000000001 alice",
                "tollgate_factor 8f1f3c52-0000-4000-8000-000000000002 bob",
                "tollgate_factor 8f1f3c52-0000-4000-8000-000000000003 alice",
                "tollgate_recovery_code 5d0c1a2b-0000-4000-8000-000000000001 alice",
                "tollgate_recovery_code 5d0c1a2b-0000-4000-8000-000000000002 alice")).toList(),
                history.body().lines().toList());
    }

    /** The versions after 1 of the migrations in the jar, in order: each runs after the baseline. */
    private static List<String> laterVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/tollgate"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).filter(v -> !v.equals("1"))
                    .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
