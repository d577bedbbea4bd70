package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.store.AccountLockStore.Granted;
import dev.tollgate.store.AccountLockStore.Refused;
import dev.tollgate.store.AccountLockStore.Reservation;
import dev.tollgate.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountLockStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration BASE = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofHours(1);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final AccountLockStore locks = new AccountLockStore(database.persistenceUnit());

    private Reservation reserve(String user, Instant now) {
        return locks.reserve(user, now, 10, BASE, MAX);
    }

    @Test
    void locksAfterTheThresholdForAGrowingDelay() {
        for (int i = 1; i < 10; i++) {
            assertEquals(new Granted("alice", 0, Optional.empty()), reserve("alice", T0), "attempt " + i);
        }
        assertEquals(new Granted("alice", 0, Optional.of(T0.plus(BASE))), reserve("alice", T0),
                "the tenth attempt may be evaluated, and locks unless it succeeds");
        assertEquals(Optional.of(T0.plus(BASE)), locks.lockedUntil("alice", T0));
        assertEquals(new Refused(T0.plus(BASE)), reserve("alice", T0.plusSeconds(59)), "the eleventh waits");
        assertEquals(Optional.empty(), locks.lockedUntil("alice", T0.plus(BASE)), "the lock ends");
        assertEquals(Optional.empty(), locks.lockedUntil("bob", T0), "other accounts are not affected");
        Instant later = T0.plus(BASE);
        for (int i = 1; i < 10; i++) {
            reserve("alice", later);
        }
        assertEquals(Optional.of(later.plus(BASE.multipliedBy(2))),
                ((Granted) reserve("alice", later)).locksIfWrong(), "the second lock lasts twice as long");
    }

    @Test
    void aSuccessResetsTheCountAndLiftsTheLock() {
        for (int i = 0; i < 10; i++) {
            reserve("alice", T0);
        }
        locks.recordSuccess("alice");
        assertEquals(Optional.empty(), locks.lockedUntil("alice", T0), "the tenth attempt was right after all");
        for (int i = 0; i < 9; i++) {
            assertEquals(new Granted("alice", 0, Optional.empty()), reserve("alice", T0));
        }
    }

    @Test
    void givesBackAnAttemptThatWasNeverEvaluated() {
        for (int i = 0; i < 8; i++) {
            reserve("alice", T0);
        }
        locks.release((Granted) reserve("alice", T0), 10);
        Granted last = (Granted) reserve("alice", T0);
        assertEquals(Optional.empty(), last.locksIfWrong(), "the ninth attempt again");
        Granted locking = (Granted) reserve("alice", T0);
        assertTrue(locking.locksIfWrong().isPresent());
        locks.release(locking, 10);
        assertEquals(Optional.empty(), locks.lockedUntil("alice", T0), "the lock it set is lifted");
        assertTrue(((Granted) reserve("alice", T0)).locksIfWrong().isPresent(), "and the next attempt locks");
    }

    @Test
    void refusesAtOnceWhenTheThresholdWasLoweredBelowTheCount() {
        for (int i = 0; i < 5; i++) {
            reserve("alice", T0);
        }
        assertInstanceOf(Refused.class, locks.reserve("alice", T0, 3, BASE, MAX));
        assertEquals(Optional.of(T0.plus(BASE)), locks.lockedUntil("alice", T0), "locked, not refused forever");
    }

    @Test
    void capsTheDelay() {
        assertEquals(BASE, AccountLockStore.delay(0, BASE, MAX));
        assertEquals(BASE.multipliedBy(8), AccountLockStore.delay(3, BASE, MAX));
        assertEquals(MAX, AccountLockStore.delay(40, BASE, MAX));
    }

    @Test
    void evaluatesAtMostTheThresholdOfFortyConcurrentWrongAttempts() throws Exception {
        AccountLockRace.assertAtMostTheThresholdEvaluated(locks, "alice", T0);
    }
}
