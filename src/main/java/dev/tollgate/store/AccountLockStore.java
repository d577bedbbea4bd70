package dev.tollgate.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts consecutive second-factor attempts per account and locks the account's second factor for a growing delay
 * once they reach a threshold; a success resets the count.
 *
 * <p>Each attempt is reserved ({@link #reserve}) before it is evaluated, by an {@code UPDATE} that takes the row's
 * lock and only counts while the account is unlocked and under the threshold; the lock decision is read in the same
 * transaction. So concurrent attempts on several servers are all counted, no more than the threshold of them are
 * evaluated, and only one of them locks.
 */
public final class AccountLockStore {

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory
     */
    public AccountLockStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(factory);
    }

    /**
     * Returns until when an account's second factor is locked.
     *
     * @param username the account
     * @param now      the server's time
     * @return the end of the lock, or empty if the account is not locked now
     */
    public Optional<Instant> lockedUntil(String username, Instant now) {
        return transactions.run("reading the account lock", em -> {
            AccountLockEntity lock = em.find(AccountLockEntity.class, username);
            return lock == null ? Optional.<Instant>empty() : lock.lockedAt(now);
        });
    }

    /**
     * What {@link #reserve} decided: the attempt may be evaluated, or the account is locked.
     */
    public sealed interface Reservation permits Granted, Refused {
    }

    /**
     * An attempt that may be evaluated. It is counted as a failure already; a success resets the count
     * ({@link #recordSuccess}), a failure needs nothing more.
     *
     * @param username      the account
     * @param lockouts      the account's lock count when reserved, so that a release cannot reach into a later window
     * @param locksIfWrong  the end of the lock this attempt set, being the last one the threshold allows: it holds
     *                      unless the attempt succeeds; empty if it set none
     */
    public record Granted(String username, int lockouts, Optional<Instant> locksIfWrong) implements Reservation {
        /** Checks the fields. */
        public Granted {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(locksIfWrong, "locksIfWrong");
        }
    }

    /**
     * The account's second factor is locked: the attempt must not be evaluated.
     *
     * @param until the end of the lock
     */
    public record Refused(Instant until) implements Reservation {
        /** Checks the field. */
        public Refused {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * Reserves one attempt at a second factor before it is evaluated, counting it as a failure from the start. The
     * count is raised by one conditional {@code UPDATE} that only succeeds while the account is unlocked and below
     * the threshold, and the attempt that reaches the threshold sets the lock in the same transaction: however many
     * sessions and servers guess at once, at most {@code threshold} attempts are evaluated per lock window (guesses
     * that were checked first and counted afterwards let 15 to 33 of 40 concurrent ones through).
     *
     * @param username  the account
     * @param now       the server's time
     * @param threshold consecutive failures that lock
     * @param baseDelay the first lock's length; each further lock doubles it
     * @param maxDelay  the longest lock
     * @return granted (perhaps as the attempt that locks if it is wrong), or refused until the lock ends
     */
    public Reservation reserve(String username, Instant now, int threshold, Duration baseDelay, Duration maxDelay) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<Reservation> reserved = tryReserve(username, now, threshold, baseDelay, maxDelay);
            if (reserved.isPresent()) {
                return reserved.get();
            }
            // the account's first attempt: the row the update needs is created (tolerating a concurrent insert)
            ensureRow(username);
        }
        throw new StoreUnavailableException("reserving a second-factor attempt",
                new IllegalStateException("the account lock row could not be created"));
    }

    private Optional<Reservation> tryReserve(String username, Instant now, int threshold, Duration baseDelay,
            Duration maxDelay) {
        return transactions.run("reserving a second-factor attempt", em -> {
            int reserved = em.createQuery("UPDATE AccountLockEntity a"
                            + " SET a.consecutiveFailures = a.consecutiveFailures + 1"
                            + " WHERE a.username = :username AND a.consecutiveFailures < :threshold"
                            + " AND (a.lockedUntil IS NULL OR a.lockedUntil <= :now)")
                    .setParameter("username", username).setParameter("threshold", threshold)
                    .setParameter("now", now).executeUpdate();
            AccountLockEntity lock = fresh(em, username);
            if (reserved == 0) {
                if (lock == null || lock.consecutiveFailures() < threshold && lock.lockedAt(now).isEmpty()) {
                    return Optional.<Reservation>empty(); // no row, or one inserted since the update: try again
                }
                // at or above the threshold but not locked: the threshold was lowered since; lock now
                return Optional.<Reservation>of(new Refused(lock.lockedAt(now)
                        .orElseGet(() -> lock(em, username, now, lock.lockouts(), baseDelay, maxDelay))));
            }
            Optional<Instant> locks = lock.consecutiveFailures() < threshold ? Optional.empty()
                    : Optional.of(lock(em, username, now, lock.lockouts(), baseDelay, maxDelay));
            return Optional.<Reservation>of(new Granted(username, lock.lockouts(), locks));
        });
    }

    /** Locks the account (the row is locked by this transaction's update) and starts the count again. */
    private static Instant lock(EntityManager em, String username, Instant now, int lockouts, Duration baseDelay,
            Duration maxDelay) {
        Instant until = now.plus(delay(lockouts, baseDelay, maxDelay));
        em.createQuery("UPDATE AccountLockEntity a SET a.lockedUntil = :until, a.lockouts = a.lockouts + 1,"
                        + " a.consecutiveFailures = 0 WHERE a.username = :username")
                .setParameter("until", until).setParameter("username", username).executeUpdate();
        return until;
    }

    /**
     * Gives back an attempt that was reserved but never evaluated (the input was malformed, so it proved nothing):
     * the count goes down again, and a lock the attempt set is lifted, unless the account has moved on since (another
     * lock, a success, an administrator's reset).
     *
     * @param attempt   the reservation
     * @param threshold the threshold it was reserved under
     */
    public void release(Granted attempt, int threshold) {
        transactions.run("releasing a second-factor attempt", em -> attempt.locksIfWrong().isPresent()
                ? em.createQuery("UPDATE AccountLockEntity a SET a.lockedUntil = NULL, a.lockouts = a.lockouts - 1,"
                                + " a.consecutiveFailures = :left WHERE a.username = :username"
                                + " AND a.lockouts = :lockouts AND a.consecutiveFailures = 0")
                        .setParameter("left", threshold - 1).setParameter("username", attempt.username())
                        .setParameter("lockouts", attempt.lockouts() + 1).executeUpdate()
                : em.createQuery("UPDATE AccountLockEntity a SET a.consecutiveFailures = a.consecutiveFailures - 1"
                                + " WHERE a.username = :username AND a.consecutiveFailures > 0"
                                + " AND a.lockouts = :lockouts")
                        .setParameter("username", attempt.username()).setParameter("lockouts", attempt.lockouts())
                        .executeUpdate());
        // a row that holds nothing any more goes, so that a refused input leaves the database as it found it
        transactions.run("dropping an empty account lock", em -> em.createQuery("DELETE FROM AccountLockEntity a"
                        + " WHERE a.username = :username AND a.consecutiveFailures = 0 AND a.lockouts = 0"
                        + " AND a.lockedUntil IS NULL")
                .setParameter("username", attempt.username()).executeUpdate());
    }

    /**
     * Records a correct second factor: the count and the lock history start again.
     *
     * @param username the account
     */
    public void recordSuccess(String username) {
        transactions.run("resetting the failure count", em -> em.createQuery(
                        "UPDATE AccountLockEntity a SET a.consecutiveFailures = 0, a.lockouts = 0, a.lockedUntil = NULL"
                                + " WHERE a.username = :username AND (a.consecutiveFailures > 0 OR a.lockouts > 0)")
                .setParameter("username", username).executeUpdate());
    }

    /**
     * Lifts a lock, as an administrator's reset does.
     *
     * @param username the account
     */
    public void clear(String username) {
        transactions.run("clearing the account lock", em -> em.createQuery(
                        "DELETE FROM AccountLockEntity a WHERE a.username = :username")
                .setParameter("username", username).executeUpdate());
    }

    static Duration delay(int previousLockouts, Duration baseDelay, Duration maxDelay) {
        Duration delay = baseDelay;
        for (int i = 0; i < previousLockouts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** The row as the database has it now (not as a cache remembers it), or null if there is none. */
    private static AccountLockEntity fresh(EntityManager em, String username) {
        return em.createQuery("SELECT a FROM AccountLockEntity a WHERE a.username = :username", AccountLockEntity.class)
                .setParameter("username", username)
                .setHint("jakarta.persistence.cache.retrieveMode", jakarta.persistence.CacheRetrieveMode.BYPASS)
                .getResultStream().findFirst().orElse(null);
    }

    private void ensureRow(String username) {
        transactions.insertIfAbsent("the account lock", AccountLockEntity.class, username, () -> new AccountLockEntity(username));
    }
}
