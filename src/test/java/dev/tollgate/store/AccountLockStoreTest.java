package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Race;
import dev.tollgate.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountLockStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration BASE = Duration.ofMinutes(1);
    private static final Duration MAX = Duration.ofHours(1);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final AccountLockStore locks = new AccountLockStore(database.persistenceUnit());

    @Test
    void locksAfterTheThresholdForAGrowingDelay() {
        for (int i = 1; i < 10; i++) {
            assertEquals(Optional.empty(), locks.recordFailure("alice", T0, 10, BASE, MAX), "failure " + i);
        }
        assertEquals(Optional.of(T0.plus(BASE)), locks.recordFailure("alice", T0, 10, BASE, MAX));
        assertEquals(Optional.of(T0.plus(BASE)), locks.lockedUntil("alice", T0));
        assertEquals(Optional.empty(), locks.lockedUntil("alice", T0.plus(BASE)), "the lock ends");
        assertEquals(Optional.empty(), locks.lockedUntil("bob", T0), "other accounts are not affected");
        Instant later = T0.plus(BASE);
        for (int i = 1; i < 10; i++) {
            locks.recordFailure("alice", later, 10, BASE, MAX);
        }
        assertEquals(Optional.of(later.plus(BASE.multipliedBy(2))), locks.recordFailure("alice", later, 10, BASE, MAX));
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 9; i++) {
            locks.recordFailure("alice", T0, 10, BASE, MAX);
        }
        locks.recordSuccess("alice");
        for (int i = 0; i < 9; i++) {
            assertEquals(Optional.empty(), locks.recordFailure("alice", T0, 10, BASE, MAX));
        }
    }

    @Test
    void capsTheDelay() {
        assertEquals(BASE, AccountLockStore.delay(0, BASE, MAX));
        assertEquals(BASE.multipliedBy(8), AccountLockStore.delay(3, BASE, MAX));
        assertEquals(MAX, AccountLockStore.delay(40, BASE, MAX));
    }

    @Test
    void countsEveryConcurrentFailureAndLocksOnce() throws Exception {
        int lockedBy = Race.winners(30, () -> locks.recordFailure("alice", T0, 10, BASE, MAX).isPresent());
        assertEquals(3, lockedBy, "30 failures at a threshold of 10 lock three times");
        assertTrue(locks.lockedUntil("alice", T0).isPresent());
    }
}
