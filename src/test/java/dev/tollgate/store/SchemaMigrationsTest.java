package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.store.TollgatePersistence.SchemaGeneration;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tollgate's versioned migrations ({@code tollgate.schemaGeneration=migrate}) on H2 and, when a server is named by
 * {@code tollgate.postgres.url}, PostgreSQL: version 1 is today's schema; a database made by
 * {@code create-or-extend-tables} is baselined without losing a row; servers starting together migrate once; the
 * application's own Flyway and tables are left alone.
 */
class SchemaMigrationsTest {

    private static final String DUMP = "create-or-extend-tables-0.1.sql";

    /** The versions of the migrations in the jar, oldest first: every test holds for each new one too. */
    private static final List<String> VERSIONS = versions();
    private static final String LATEST = VERSIONS.get(VERSIONS.size() - 1);
    /** The history of a database that every migration ran on. */
    private static final List<String> ALL_APPLIED = VERSIONS.stream().map(v -> v + " SQL true").toList();
    /** The history of a database of the first release's create-or-extend-tables, baselined at 1, then migrated. */
    private static final List<String> AFTER_BASELINE_AT_1 = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("1 BASELINE true"), ALL_APPLIED.stream().skip(1)).toList();

    private static List<String> versions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/tollgate"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void createsVersionOneOnAnEmptyDatabaseAndRecordsItInItsOwnHistory(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            SchemaMigrations.Outcome outcome = migrations(db).migrate();

            assertEquals(new SchemaMigrations.Outcome(LATEST, VERSIONS.size(), false), outcome);
            assertEquals(ALL_APPLIED, db.history());
            assertTrue(db.tables().containsAll(Set.of("tollgate_factor", "tollgate_recovery_code",
                    "tollgate_account_lock", "tollgate_preference", "tollgate_account_stamp", "tollgate_first_factor_throttle",
                    "tollgate_transaction_use", "tollgate_schema_history")), db.tables()::toString);
            assertFalse(db.tables().contains("flyway_schema_history"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theMigrationsMakeExactlyTheTablesOfCreateOrExtendTables(String kind) throws Exception {
        try (TestDatabase generated = TestDatabase.create(kind); TestDatabase migrated = TestDatabase.create(kind);
                TestDatabase dumped = TestDatabase.create(kind)) {
            TollgatePersistence.open(generated.dataSource(), SchemaGeneration.CREATE_OR_EXTEND_TABLES, "/gen")
                    .close();
            migrations(migrated).migrate();
            dumped.runScript(DUMP);

            Set<String> schema = generated.tollgateSchema();
            assertTrue(schema.contains("tollgate_factor index tollgate_factor_username username"), schema::toString);
            assertTrue(schema.contains("tollgate_preference primary key username"), schema::toString);
            assertEquals(schema, migrated.tollgateSchema());
            assertTrue(schema.containsAll(dumped.tollgateSchema()), "today's tables extend those of the dump's release");
            Map<String, String> keys = Map.of(SchemaMigrations.THROTTLE_TABLE, "throttle_key",
                    "tollgate_account_stamp", "username", SchemaMigrations.TRANSACTION_USE_TABLE, "use_key");
            for (String table : keys.keySet()) {
                assertTrue(generated.schemaOf(List.of(table)).contains(table + " primary key " + keys.get(table)),
                        generated.schemaOf(List.of(table))::toString);
                assertEquals(generated.schemaOf(List.of(table)), migrated.schemaOf(List.of(table)),
                        "the migration makes the entity's table " + table);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void baselinesADumpOfCreateOrExtendTablesWithoutLosingARow(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.runScript(DUMP);
            List<String> rows = db.tollgateRows();
            Set<String> schema = db.tollgateSchema();
            assertEquals(8, rows.size());

            EntityManagerFactory emf = TollgatePersistence.open(db.dataSource(), SchemaGeneration.MIGRATE, "/dump");
            try {
                assertEquals(AFTER_BASELINE_AT_1, db.history());
                assertEquals(rows, db.tollgateRows());
                assertEquals(schema, db.tollgateSchema());

                // and the stores read them as before
                FactorStore factors = new FactorStore(emf);
                Factor totp = factors.find("8f1f3c52-0000-4000-8000-000000000001").orElseThrow();
                assertEquals(59363410L, totp.lastAcceptedStep());
                assertFalse(factors.acceptStep(totp.id(), 59363410L, Instant.parse("2026-11-27T10:00:00Z")),
                        "the replay protection of the old rows holds after the baseline");
                assertEquals(17L, factors.find("8f1f3c52-0000-4000-8000-000000000003").orElseThrow()
                        .webauthn().signCount());
                assertEquals(2, factors.findConfirmed("alice").size());
                assertEquals(1, new RecoveryCodeStore(emf).countUnused("alice"));
            } finally {
                emf.close();
            }

            // the next start finds its history and does nothing
            assertEquals(new SchemaMigrations.Outcome(LATEST, 0, false), migrations(db).migrate());
            assertEquals(AFTER_BASELINE_AT_1, db.history());
            assertEquals(rows, db.tollgateRows());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void baselinesTablesThatCreateOrExtendTablesJustMadeWithoutLosingARow(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
            EntityManagerFactory old = TollgatePersistence.open(db.dataSource(),
                    SchemaGeneration.CREATE_OR_EXTEND_TABLES, "/old");
            try {
                FactorStore factors = new FactorStore(old);
                Factor factor = new Factor(factors.newId(), "erin", FactorType.TOTP, "phone", "tg1.k.n.c", "SHA1", 6,
                        30, null, t0, null, null);
                factors.insert(factor);
                assertTrue(factors.confirm(factor.id(), "erin", 100, t0, List.of("k:h1", "k:h2")));
                new PreferenceStore(old).optOut("frank", t0);
            } finally {
                old.close();
            }
            List<String> rows = db.tollgateRows();
            assertEquals(4, rows.size());

            SchemaMigrations.Outcome outcome = migrations(db).migrate();

            assertEquals(new SchemaMigrations.Outcome(LATEST, 0, true), outcome);
            assertEquals(List.of(LATEST + " BASELINE true"), db.history());
            assertEquals(rows, db.tollgateRows());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void extendsATableFromBeforeSecurityKeysThenBaselinesIt(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            // tollgate_factor as the version before security keys made it; no other table yet
            db.execute("CREATE TABLE tollgate_factor (id VARCHAR(36) NOT NULL, username VARCHAR(255) NOT NULL,"
                    + " factor_type VARCHAR(16) NOT NULL, label VARCHAR(100) NOT NULL, secret_ciphertext VARCHAR(512),"
                    + " algorithm VARCHAR(10), digits INTEGER, period_seconds INTEGER, confirmed_at TIMESTAMP,"
                    + " created_at TIMESTAMP NOT NULL, last_used_at TIMESTAMP, last_accepted_step BIGINT,"
                    + " row_version BIGINT NOT NULL, PRIMARY KEY (id))");
            db.execute("CREATE INDEX tollgate_factor_username ON tollgate_factor (username)");
            db.execute("INSERT INTO tollgate_factor VALUES ('f-old', 'alice', 'totp', 'phone', 'tg1.k.nonce.ct',"
                    + " 'SHA1', 6, 30, TIMESTAMP '2026-11-20 10:00:00', TIMESTAMP '2026-11-20 10:00:00', NULL, 42, 1)");

            EntityManagerFactory emf = TollgatePersistence.open(db.dataSource(), SchemaGeneration.MIGRATE, "/older");
            try {
                assertEquals(AFTER_BASELINE_AT_1, db.history());
                Factor old = new FactorStore(emf).find("f-old").orElseThrow();
                assertEquals(42L, old.lastAcceptedStep());
                assertNull(old.webauthn());
                new PreferenceStore(emf).optOut("alice", Instant.parse("2026-11-27T10:00:00Z"));
            } finally {
                emf.close();
            }
            try (TestDatabase fresh = TestDatabase.create(kind)) {
                migrations(fresh).migrate();
                assertEquals(fresh.tollgateSchema(), db.tollgateSchema(), "every column and table of version 1");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void twoServersStartingTogetherOnAnEmptyDatabaseMigrateOnce(String kind) throws Exception {
        for (int round = 0; round < 5; round++) {
            try (TestDatabase db = TestDatabase.create(kind)) {
                List<SchemaMigrations.Outcome> outcomes = startTogether(db, 2);

                assertEquals(VERSIONS.size(), outcomes.stream().mapToInt(SchemaMigrations.Outcome::applied).sum(),
                        outcomes::toString);
                assertTrue(outcomes.stream().allMatch(o -> o.version().equals(LATEST)), outcomes::toString);
                assertEquals(ALL_APPLIED, db.history());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void twoServersStartingTogetherBesideTheApplicationsTablesMigrateOnce(String kind) throws Exception {
        // Flyway locks H2 with SELECT ... FOR UPDATE on the history's rows, which excludes nobody while its baseline
        // row is not yet committed; H2 is one server's embedded database (Payara's default), never a cluster's
        assumeTrue(kind.equals(TestDatabase.POSTGRES), "Flyway's lock on H2 does not cover a concurrent baseline");
        for (int round = 0; round < 5; round++) {
            try (TestDatabase db = TestDatabase.create(kind)) {
                db.execute("CREATE TABLE app_user (name VARCHAR(50) NOT NULL, PRIMARY KEY (name))");
                db.execute("INSERT INTO app_user VALUES ('alice')");

                List<SchemaMigrations.Outcome> outcomes = startTogether(db, 2);

                assertEquals(VERSIONS.size(), outcomes.stream().mapToInt(SchemaMigrations.Outcome::applied).sum(),
                        outcomes::toString);
                // Flyway's baseline of a schema that is not empty, below Tollgate's first migration
                assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.of("0 BASELINE true"), ALL_APPLIED.stream()).toList(), db.history());
                assertEquals(Set.of("alice"), names(db));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void leavesTheApplicationsOwnFlywayAndItsHistoryAlone(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            // the application migrates first, with Flyway's defaults: db/migration, flyway_schema_history
            Flyway application = Flyway.configure().dataSource(db.dataSource()).load();
            assertEquals(1, application.migrate().migrationsExecuted);

            migrations(db).migrate();

            assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.of("0 BASELINE true"), ALL_APPLIED.stream()).toList(), db.history());
            assertTrue(db.tollgateSchema().stream().noneMatch(line -> line.contains("amount")),
                    "the application's V1 ran once, as the application's");
            assertEquals(1, application.info().applied().length);
            assertEquals("application table", application.info().current().getDescription());
            assertEquals(0, application.migrate().migrationsExecuted);
            assertTrue(db.tables().containsAll(Set.of("app_expense", "flyway_schema_history", "tollgate_factor")));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void refusesToStartWhenAnAppliedMigrationWasChanged(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            migrations(db).migrate();
            db.execute("UPDATE \"tollgate_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '1'");

            SchemaMigrationException e = assertThrows(SchemaMigrationException.class, () -> migrations(db).migrate());
            assertTrue(e.getMessage().contains("tollgate.schemaGeneration"), e.getMessage());
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void failsNamingTheSettingWhenItsClassLoaderCannotSeeTheMigrations(String kind) throws Exception {
        ClassLoader blind = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.startsWith("db/tollgate") ? null : super.getResource(name);
            }

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith("db/tollgate") ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
        try (TestDatabase db = TestDatabase.create(kind)) {
            SchemaMigrationException e = assertThrows(SchemaMigrationException.class,
                    () -> new SchemaMigrations(db.dataSource(), blind, () -> { }).migrate());
            assertTrue(e.getMessage().contains("tollgate.schemaGeneration"), e.getMessage());
            assertFalse(db.tables().contains("tollgate_factor"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void noneTouchesNoTable(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            TollgatePersistence.open(db.dataSource(), SchemaGeneration.NONE, "/none").close();
            assertEquals(Set.of(), db.tables());
        }
    }

    private static Set<String> names(TestDatabase db) throws Exception {
        Set<String> names = new java.util.TreeSet<>();
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery("SELECT name FROM app_user")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static SchemaMigrations migrations(TestDatabase db) {
        return new SchemaMigrations(db.dataSource(), SchemaMigrationsTest.class.getClassLoader(), () ->
                TollgatePersistence.open(db.dataSource(), SchemaGeneration.CREATE_OR_EXTEND_TABLES, "/extend").close());
    }

    /** Starts {@code servers} migrations at the same instant, each as a server would on its own thread. */
    private static List<SchemaMigrations.Outcome> startTogether(TestDatabase db, int servers) throws Exception {
        CyclicBarrier start = new CyclicBarrier(servers);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<SchemaMigrations.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                Callable<SchemaMigrations.Outcome> server = () -> {
                    SchemaMigrations migrations = migrations(db);
                    start.await();
                    return migrations.migrate();
                };
                futures.add(pool.submit(server));
            }
            List<SchemaMigrations.Outcome> outcomes = new ArrayList<>();
            for (Future<SchemaMigrations.Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
