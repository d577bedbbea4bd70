package dev.tollgate.store;

import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reads and writes users' recovery codes. A code is spent by a conditional update, so that of any number of
 * concurrent uses of the same code exactly one succeeds.
 */
public final class RecoveryCodeStore {

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory, see {@link TollgatePersistence}
     */
    public RecoveryCodeStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(factory);
    }

    /**
     * Replaces a user's recovery codes with a new set, in one transaction: the old set stops working exactly when the
     * new one starts.
     *
     * @param username the owner
     * @param hashes   the keyed hashes of the new codes
     * @param now      the time of generation
     */
    public void replaceAll(String username, List<String> hashes, Instant now) {
        transactions.run("replacing recovery codes", em -> {
            replaceAll(em, username, hashes, now);
            return null;
        });
    }

    /** Replaces the codes within a transaction the caller holds, such as the confirmation of a first factor. */
    static void replaceAll(jakarta.persistence.EntityManager em, String username, List<String> hashes, Instant now) {
        deleteAll(em, username);
        for (String hash : hashes) {
            em.persist(new RecoveryCodeEntity(UUID.randomUUID().toString(), username, hash, now));
        }
    }

    /**
     * Lists a user's unused codes.
     *
     * @param username the owner
     * @return the unused codes
     */
    public List<StoredRecoveryCode> unused(String username) {
        return transactions.run("reading recovery codes", em -> em.createQuery(
                        "SELECT r FROM RecoveryCodeEntity r WHERE r.username = :username AND r.usedAt IS NULL"
                                + " ORDER BY r.id", RecoveryCodeEntity.class)
                .setParameter("username", username)
                .getResultList().stream().map(RecoveryCodeEntity::toRecord).toList());
    }

    /**
     * Counts a user's unused codes.
     *
     * @param username the owner
     * @return how many remain
     */
    public long countUnused(String username) {
        return transactions.run("counting recovery codes", em -> em.createQuery(
                        "SELECT COUNT(r) FROM RecoveryCodeEntity r WHERE r.username = :username AND r.usedAt IS NULL",
                        Long.class)
                .setParameter("username", username).getSingleResult());
    }

    /**
     * Spends a code: marks it used if it was not.
     *
     * @param id       the code's id
     * @param username the owner, checked in the same statement
     * @param now      the time of use
     * @return true if this call spent it; false if it was already used (by a concurrent request, say)
     */
    public boolean spend(String id, String username, Instant now) {
        return transactions.run("spending a recovery code", em -> em.createQuery(
                        "UPDATE RecoveryCodeEntity r SET r.usedAt = :now"
                                + " WHERE r.id = :id AND r.username = :username AND r.usedAt IS NULL")
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("username", username)
                .executeUpdate() == 1);
    }

    /**
     * Deletes all of a user's codes, as an administrator's reset does.
     *
     * @param username the owner
     * @return how many were deleted
     */
    public int deleteAll(String username) {
        return transactions.run("deleting recovery codes", em -> deleteAll(em, username));
    }

    /** Deletes a user's codes within a transaction the caller holds, such as the removal of the last factor. */
    static int deleteAll(jakarta.persistence.EntityManager em, String username) {
        return em.createQuery("DELETE FROM RecoveryCodeEntity r WHERE r.username = :username")
                .setParameter("username", username).executeUpdate();
    }
}
