package dev.tollgate.store;

import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Objects;

/**
 * Operations on everything Tollgate stores about one user at once: an administrator's reset.
 */
public final class AccountStore {

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory, see {@link TollgatePersistence}
     */
    public AccountStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * What a reset removed.
     *
     * @param factors       factors removed, pending enrolments included
     * @param recoveryCodes recovery codes removed, used ones included
     */
    public record Removed(int factors, int recoveryCodes) {
    }

    /**
     * Removes, in one transaction, every factor, recovery code, account lock and enrolment choice of a user, and
     * marks the grace period of a {@code required} rollout as over: a reset user enrols at the next sign-in rather
     * than getting a new grace period, which would let whoever knows the password in without a second factor.
     *
     * @param username the user
     * @param now      the time of the reset
     * @return what was removed
     */
    public Removed reset(String username, Instant now) {
        return transactions.run("resetting an account", em -> {
            int factors = em.createQuery("DELETE FROM FactorEntity f WHERE f.username = :username")
                    .setParameter("username", username).executeUpdate();
            int codes = em.createQuery("DELETE FROM RecoveryCodeEntity r WHERE r.username = :username")
                    .setParameter("username", username).executeUpdate();
            em.createQuery("DELETE FROM AccountLockEntity a WHERE a.username = :username")
                    .setParameter("username", username).executeUpdate();
            em.createQuery("DELETE FROM PreferenceEntity p WHERE p.username = :username")
                    .setParameter("username", username).executeUpdate();
            em.persist(new PreferenceEntity(username, now));
            AccountStampStore.bump(em, username, true);
            return new Removed(factors, codes);
        });
    }
}
