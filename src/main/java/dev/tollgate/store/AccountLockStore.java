package dev.tollgate.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts consecutive wrong second factors per account and locks the account's second factor for a growing delay
 * once they reach a threshold; a success resets the count.
 *
 * <p>The count is incremented by an {@code UPDATE} that takes the row's lock, and the lock decision is read in the same
 * transaction, so concurrent wrong codes on several servers are all counted and only one of them locks.
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
     * Records a wrong second factor, and locks the account if it was one too many.
     *
     * @param username  the account
     * @param now       the server's time
     * @param threshold consecutive failures that lock
     * @param baseDelay the first lock's length; each further lock doubles it
     * @param maxDelay  the longest lock
     * @return the end of the lock this failure caused, or empty if the account is not locked by it
     */
    public Optional<Instant> recordFailure(String username, Instant now, int threshold, Duration baseDelay,
            Duration maxDelay) {
        ensureRow(username);
        return transactions.run("counting a failed second factor", em -> {
            em.createQuery("UPDATE AccountLockEntity a SET a.consecutiveFailures = a.consecutiveFailures + 1"
                    + " WHERE a.username = :username").setParameter("username", username).executeUpdate();
            AccountLockEntity lock = fresh(em, username);
            if (lock.consecutiveFailures() < threshold) {
                return Optional.<Instant>empty();
            }
            Instant until = now.plus(delay(lock.lockouts(), baseDelay, maxDelay));
            em.createQuery("UPDATE AccountLockEntity a SET a.lockedUntil = :until, a.lockouts = a.lockouts + 1,"
                            + " a.consecutiveFailures = 0 WHERE a.username = :username")
                    .setParameter("until", until).setParameter("username", username).executeUpdate();
            return Optional.of(until);
        });
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

    private static AccountLockEntity fresh(EntityManager em, String username) {
        return em.createQuery("SELECT a FROM AccountLockEntity a WHERE a.username = :username", AccountLockEntity.class)
                .setParameter("username", username)
                .setHint("jakarta.persistence.cache.retrieveMode", jakarta.persistence.CacheRetrieveMode.BYPASS)
                .getSingleResult();
    }

    private void ensureRow(String username) {
        transactions.insertIfAbsent("the account lock", AccountLockEntity.class, username, () -> new AccountLockEntity(username));
    }
}
