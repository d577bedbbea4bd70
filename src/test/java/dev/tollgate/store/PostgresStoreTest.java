package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.testing.Race;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The stores on PostgreSQL, the database a real deployment uses: schema creation, the conditional updates that decide
 * sign-ins (replay, single-use recovery codes, the account lock) under concurrency, and a table without a secret.
 *
 * <p>Runs against the database named by the system property {@code tollgate.postgres.url} (CI starts one on loopback);
 * skipped without it, unless {@code tollgate.requireExternalTools} demands it.
 */
class PostgresStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private PGSimpleDataSource dataSource;
    private EntityManagerFactory emf;

    @BeforeEach
    void open() throws Exception {
        String url = System.getProperty("tollgate.postgres.url", "");
        if (url.isBlank()) {
            if (Boolean.getBoolean("tollgate.requireExternalTools")) {
                fail("tollgate.postgres.url is not set, and tollgate.requireExternalTools=true demands PostgreSQL");
            }
            assumeTrue(false, "no PostgreSQL: set tollgate.postgres.url to run this test");
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        // every Tollgate table of an earlier run, including those of migrations newer than this list would know
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name LIKE 'tollgate\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
        }
        emf = TollgatePersistence.open(dataSource, TollgatePersistence.SchemaGeneration.MIGRATE, "/postgres-test");
    }

    @AfterEach
    void close() {
        if (emf != null) {
            emf.close();
        }
    }

    @Test
    void createsTheTablesAndKeepsFactorsOnPostgres() throws Exception {
        FactorStore factors = new FactorStore(emf);
        Factor factor = new Factor(factors.newId(), "alice", FactorType.TOTP, "phone", "tg1.k.n.c", "SHA1", 6, 30,
                null, T0, null, null);
        factors.insert(factor);
        assertTrue(factors.confirm(factor.id(), "alice", 100, T0, List.of("k:h1", "k:h2")));
        assertFalse(factors.acceptStep(factor.id(), 100, T0));
        assertTrue(factors.acceptStep(factor.id(), 101, T0));
        Factor read = factors.find(factor.id()).orElseThrow();
        assertEquals(T0, read.confirmedAt());
        assertEquals(101L, read.lastAcceptedStep());
        assertEquals(2, new RecoveryCodeStore(emf).countUnused("alice"));
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, "tollgate_%", null)) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
            assertTrue(tables.containsAll(List.of("tollgate_factor", "tollgate_recovery_code",
                    "tollgate_account_lock", "tollgate_preference")), tables.toString());
        }
    }

    @Test
    void aTransactionsUsesAreNoMoreThanItsLimitOnPostgres() throws Exception {
        TransactionUseStore uses = new TransactionUseStore(emf);
        String key = TransactionUseStore.key("attempt", "tx-1");
        int granted = Race.winners(40, () -> uses.reserve(key, 5, T0.plusSeconds(300), T0).isPresent());

        assertEquals(5, granted);
        assertTrue(uses.reserve(key, 5, T0.plusSeconds(300), T0).isEmpty());
    }

    @Test
    void theThrottleAdmitsNoMoreConcurrentAttemptsThanItsLimitOnPostgres() throws Exception {
        ThrottleStore throttles = new ThrottleStore(emf);
        List<String> keys = List.of("a".repeat(64), "b".repeat(64), "c".repeat(64));
        // the rule of a limit of 5: refuse from the fifth count on, else count the attempt
        int admitted = Race.winners(40, () -> throttles.update(keys, counts -> counts.get(0).failures() >= 5
                ? new ThrottleStore.Change<>(null, false)
                : new ThrottleStore.Change<>(counts.stream().map(c -> new ThrottleCount(c.failures() + 1, T0, null))
                        .toList(), true)));

        assertEquals(5, admitted);
    }

    @Test
    void letsExactlyOneOfFiftyConcurrentUsesOfAStepWinOnPostgres() throws Exception {
        FactorStore factors = new FactorStore(emf);
        Factor factor = new Factor(factors.newId(), "bob", FactorType.TOTP, "phone", "c", "SHA1", 6, 30, null, T0,
                null, null);
        factors.insert(factor);
        factors.confirm(factor.id(), "bob", 100, T0, List.of());
        assertEquals(1, Race.winners(50, () -> factors.acceptStep(factor.id(), 101, T0)));
    }

    @Test
    void spendsARecoveryCodeOnceUnderConcurrencyOnPostgres() throws Exception {
        RecoveryCodeStore codes = new RecoveryCodeStore(emf);
        codes.replaceAll("carol", List.of("k:one"), T0);
        String id = codes.unused("carol").get(0).id();
        assertEquals(1, Race.winners(30, () -> codes.spend(id, "carol", T0)));
        assertEquals(0, codes.countUnused("carol"));
    }

    @Test
    void evaluatesAtMostTheThresholdOfFortyConcurrentWrongAttemptsOnPostgres() throws Exception {
        AccountLockRace.assertAtMostTheThresholdEvaluated(new AccountLockStore(emf), "dave", T0);
    }

    @Test
    void keepsUserNamesWithQuotesAsDataOnPostgres() {
        FactorStore factors = new FactorStore(emf);
        String hostile = "o'brien'); DROP TABLE tollgate_factor; --";
        factors.insert(new Factor(factors.newId(), hostile, FactorType.TOTP, "x", "c", "SHA1", 6, 30, null, T0, null,
                null));
        assertEquals(hostile, factors.findByUser(hostile).get(0).username());
    }
}
