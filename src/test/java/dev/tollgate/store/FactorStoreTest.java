package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Race;
import dev.tollgate.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store against a real database (H2 in memory) and the provider Payara ships (EclipseLink). */
class FactorStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final FactorStore store = new FactorStore(database.persistenceUnit());

    private Factor pending(String user) {
        return new Factor(store.newId(), user, FactorType.TOTP, "phone", "tg1.k.nonce.ct", "SHA1", 6, 30, null, T0,
                null, null);
    }

    @Test
    void storesAndReadsAFactor() {
        Factor factor = pending("alice");
        store.insert(factor);
        assertEquals(factor, store.find(factor.id()).orElseThrow());
        assertEquals(List.of(factor), store.findByUser("alice"));
        assertEquals(List.of(), store.findConfirmed("alice"));
        assertEquals(List.of(), store.findByUser("bob"));
    }

    @Test
    void confirmsOnlyTheOwnersUnconfirmedFactorOnce() {
        Factor factor = pending("alice");
        store.insert(factor);
        assertFalse(store.confirm(factor.id(), "mallory", 100, T0, List.of()));
        assertTrue(store.confirm(factor.id(), "alice", 100, T0, List.of()));
        assertFalse(store.confirm(factor.id(), "alice", 101, T0, List.of()));
        Factor confirmed = store.find(factor.id()).orElseThrow();
        assertTrue(confirmed.confirmed());
        assertEquals(100L, confirmed.lastAcceptedStep());
        assertEquals(T0, confirmed.lastUsedAt());
    }

    @Test
    void acceptsEachStepOnceAndNeverAnOlderOne() {
        Factor factor = pending("alice");
        store.insert(factor);
        store.confirm(factor.id(), "alice", 100, T0, List.of());
        assertFalse(store.acceptStep(factor.id(), 100, T0), "the confirming code's step is used");
        assertTrue(store.acceptStep(factor.id(), 101, T0));
        assertFalse(store.acceptStep(factor.id(), 101, T0), "replay of the same step");
        assertFalse(store.acceptStep(factor.id(), 99, T0), "an older step after a newer one");
        assertTrue(store.acceptStep(factor.id(), 102, T0.plusSeconds(30)));
        assertEquals(T0.plusSeconds(30), store.find(factor.id()).orElseThrow().lastUsedAt());
    }

    @Test
    void refusesStepsOnUnconfirmedFactors() {
        Factor factor = pending("alice");
        store.insert(factor);
        assertFalse(store.acceptStep(factor.id(), 100, T0));
    }

    @Test
    void letsExactlyOneOfFiftyConcurrentUsesOfAStepWin() throws Exception {
        Factor factor = pending("alice");
        store.insert(factor);
        store.confirm(factor.id(), "alice", 100, T0, List.of());
        assertEquals(1, Race.winners(50, () -> store.acceptStep(factor.id(), 101, T0)));
    }

    @Test
    void deletesOnlyTheOwnersFactor() {
        Factor factor = pending("alice");
        store.insert(factor);
        assertFalse(store.delete(factor.id(), "bob", false));
        assertTrue(store.find(factor.id()).isPresent());
        assertTrue(store.delete(factor.id(), "alice", false));
        assertTrue(store.find(factor.id()).isEmpty());
    }

    @Test
    void deletesAbandonedEnrolmentsOnly() {
        Factor old = pending("alice");
        store.insert(old);
        Factor confirmed = new Factor(store.newId(), "alice", FactorType.TOTP, "other", "c", "SHA1", 6, 30, null,
                T0, null, null);
        store.insert(confirmed);
        store.confirm(confirmed.id(), "alice", 1, T0, List.of());
        assertEquals(1, store.deleteUnconfirmed("alice", T0.plusSeconds(1)));
        assertEquals(List.of(confirmed.id()), store.findByUser("alice").stream().map(Factor::id).toList());
    }

    @Test
    void replacesTheCiphertextOnlyIfUnchanged() {
        Factor factor = pending("alice");
        store.insert(factor);
        assertFalse(store.replaceCiphertext(factor.id(), "stale", "new"));
        assertTrue(store.replaceCiphertext(factor.id(), factor.secretCiphertext(), "new"));
        assertEquals("new", store.find(factor.id()).orElseThrow().secretCiphertext());
    }

    @Test
    void keepsUserNamesWithSqlMetacharactersAsData() throws Exception {
        String hostile = "alice' OR '1'='1; DROP TABLE tollgate_factor; --";
        store.insert(pending(hostile));
        store.insert(pending("alice"));
        assertEquals(1, store.findByUser(hostile).size());
        assertEquals(hostile, store.findByUser(hostile).get(0).username());
        try (Connection c = database.connection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tollgate_factor")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void failsClosedWithUnavailableWhenTheDatabaseIsGone() throws Exception {
        Factor factor = pending("alice");
        store.insert(factor);
        try (Connection c = database.connection()) {
            c.createStatement().execute("SHUTDOWN");
        }
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> store.acceptStep(factor.id(), 200, T0));
        assertEquals("unavailable", e.error());
    }

    @Test
    void confirmsAFactorTogetherWithItsRecoveryCodes() {
        Factor factor = pending("alice");
        store.insert(factor);
        RecoveryCodeStore codes = new RecoveryCodeStore(database.persistenceUnit());
        assertTrue(store.confirm(factor.id(), "alice", 100, T0, List.of("k:hash-1", "k:hash-2")));
        assertEquals(2, codes.countUnused("alice"));
    }

    @Test
    void leavesNothingHalfWrittenWhenTheRecoveryCodesCannotBeStored() {
        Factor factor = pending("alice");
        store.insert(factor);
        String tooLongForTheColumn = "k:" + "x".repeat(500);
        assertThrows(StoreUnavailableException.class,
                () -> store.confirm(factor.id(), "alice", 100, T0, List.of("k:fine", tooLongForTheColumn)));
        assertFalse(store.find(factor.id()).orElseThrow().confirmed(), "the factor is not confirmed either");
        assertEquals(0, new RecoveryCodeStore(database.persistenceUnit()).countUnused("alice"));
    }
}
