package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.store.AccountLockStore.Granted;
import dev.tollgate.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attack of forty sessions guessing one account's code at once, at the store: each racer reserves an attempt, and
 * only a granted one goes on to "evaluate" its wrong guess. Shared by the H2 and the PostgreSQL tests.
 */
final class AccountLockRace {

    static final int RACERS = 40;
    static final int THRESHOLD = 10;

    private AccountLockRace() {
    }

    static void assertAtMostTheThresholdEvaluated(AccountLockStore locks, String user, Instant now) throws Exception {
        AtomicInteger evaluated = new AtomicInteger();
        AtomicInteger locking = new AtomicInteger();
        Race.winners(RACERS, () -> {
            if (!(locks.reserve(user, now, THRESHOLD, Duration.ofMinutes(1), Duration.ofHours(1))
                    instanceof Granted granted)) {
                return false;
            }
            evaluated.incrementAndGet(); // the wrong guess is checked here, and stays counted
            Thread.yield();
            if (granted.locksIfWrong().isPresent()) {
                locking.incrementAndGet();
            }
            return true;
        });
        assertEquals(THRESHOLD, evaluated.get(), "of " + RACERS + " concurrent wrong attempts, evaluated");
        assertEquals(1, locking.get(), "one of them locks");
        assertEquals(Optional.of(now.plus(Duration.ofMinutes(1))), locks.lockedUntil(user, now));
        assertTrue(locks.reserve(user, now, THRESHOLD, Duration.ofMinutes(1), Duration.ofHours(1))
                instanceof AccountLockStore.Refused, "the next one waits for the lock");
    }
}
