package dev.tollgate.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads and writes users' second factors. Every method is one short transaction of its own.
 *
 * <p>State changes that decide a sign-in are conditional updates checked by their row count, not read-then-write:
 * {@link #acceptStep(String, long, Instant)} advances the last accepted time step only if the new one is later, so
 * two servers or two threads verifying the same code cannot both succeed, and a code is never accepted twice
 * (RFC 6238 section 5.2), also across restarts.
 */
public final class FactorStore {

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory, see {@link TollgatePersistence}
     */
    public FactorStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Returns a new random factor id, to bind into the secret's encryption before {@link #insert(Factor)}.
     *
     * @return a random UUID
     */
    public String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Stores a new factor.
     *
     * @param factor the factor, usually unconfirmed
     */
    public void insert(Factor factor) {
        inTransaction("storing a factor", em -> {
            em.persist(new FactorEntity(factor));
            return null;
        });
    }

    /**
     * Finds a factor by id.
     *
     * @param id the factor id
     * @return the factor, or empty
     */
    public Optional<Factor> find(String id) {
        return inTransaction("reading a factor", em ->
                Optional.ofNullable(em.find(FactorEntity.class, id)).map(FactorEntity::toFactor));
    }

    /**
     * Lists a user's factors, confirmed or not, oldest first.
     *
     * @param username the owner
     * @return the factors
     */
    public List<Factor> findByUser(String username) {
        return inTransaction("listing factors", em -> em.createQuery(
                        "SELECT f FROM FactorEntity f WHERE f.username = :username ORDER BY f.createdAt, f.id",
                        FactorEntity.class)
                .setParameter("username", username)
                .getResultList().stream().map(FactorEntity::toFactor).toList());
    }

    /**
     * Tells whether any user has a security key with this credential id: a credential is registered once
     * (WebAuthn Level 2, section 7.1, step 22).
     *
     * @param credentialId the credential id, unpadded Base64url
     * @return true if it is taken
     */
    public boolean credentialIdTaken(String credentialId) {
        return inTransaction("looking up a security key", em -> !em.createQuery(
                        "SELECT f.id FROM FactorEntity f WHERE f.webauthn.credentialId = :credentialId", String.class)
                .setParameter("credentialId", credentialId)
                .setMaxResults(1)
                .getResultList().isEmpty());
    }

    /**
     * Lists a user's confirmed factors: those that can be used to sign in.
     *
     * @param username the owner
     * @return the confirmed factors, oldest first
     */
    public List<Factor> findConfirmed(String username) {
        return findByUser(username).stream().filter(Factor::confirmed).toList();
    }

    /**
     * Confirms a factor and, in the same transaction, replaces the user's recovery codes: enrolment is atomic, so a
     * factor is either confirmed with its recovery codes or not confirmed at all, whatever fails in between.
     *
     * @param id                 the factor id
     * @param username           the owner, checked in the same statement
     * @param step               the time step of the confirming code
     * @param now                the time of confirmation
     * @param recoveryCodeHashes the keyed hashes of a new set of recovery codes, or empty to keep the user's codes
     * @return true if this call confirmed it; nothing is written otherwise
     */
    public boolean confirm(String id, String username, long step, Instant now, List<String> recoveryCodeHashes) {
        return inTransaction("confirming a factor", em -> {
            boolean confirmed = updateOne(em, "f.confirmedAt = :now, f.lastAcceptedStep = :step, f.lastUsedAt = :now",
                    "f.id = :id AND f.username = :username AND f.confirmedAt IS NULL",
                    q -> q.setParameter("now", now).setParameter("step", step).setParameter("id", id)
                            .setParameter("username", username));
            if (confirmed && !recoveryCodeHashes.isEmpty()) {
                RecoveryCodeStore.replaceAll(em, username, recoveryCodeHashes, now);
            }
            return confirmed;
        });
    }

    /**
     * Records that a confirmed factor accepted a code of the given step, if no code of that step or a later one was
     * accepted before. This is the replay check: the caller accepts the code only when this returns true.
     *
     * @param id   the factor id
     * @param step the time step of the code just verified
     * @param now  the time of use
     * @return true if the step was newer and is now recorded; false if the code was already used (or the factor is
     *         gone)
     */
    public boolean acceptStep(String id, long step, Instant now) {
        return updateOne("recording a used code", "f.lastAcceptedStep = :step, f.lastUsedAt = :now",
                "f.id = :id AND f.confirmedAt IS NOT NULL"
                        + " AND (f.lastAcceptedStep IS NULL OR f.lastAcceptedStep < :step)",
                q -> q.setParameter("step", step).setParameter("now", now).setParameter("id", id));
    }

    /**
     * Stores a factor that is confirmed as it is created (a security key proves possession while it registers) and,
     * in the same transaction, replaces the user's recovery codes when it is their first factor.
     *
     * @param factor             the confirmed factor
     * @param recoveryCodeHashes the keyed hashes of a new set of recovery codes, or empty to keep the user's codes
     */
    public void insertConfirmed(Factor factor, List<String> recoveryCodeHashes) {
        if (!factor.confirmed()) {
            throw new IllegalArgumentException("the factor is not confirmed");
        }
        inTransaction("storing a security key", em -> {
            em.persist(new FactorEntity(factor));
            if (!recoveryCodeHashes.isEmpty()) {
                RecoveryCodeStore.replaceAll(em, factor.username(), recoveryCodeHashes, factor.createdAt());
            }
            return null;
        });
    }

    /**
     * Records a verified WebAuthn assertion: the new signature counter and the time of use, but only if the counter
     * stored is still the one the verification compared against. Two assertions racing with the same counter cannot
     * both pass, and a counter is never moved backwards.
     *
     * @param id       the factor id
     * @param expected the counter the assertion was verified against
     * @param next     the assertion's counter
     * @param now      the time of use
     * @return true if recorded; false if another use came first (or the factor is gone)
     */
    public boolean advanceSignCount(String id, long expected, long next, Instant now) {
        return updateOne("recording a security key's use", "f.webauthn.signCount = :next, f.lastUsedAt = :now",
                "f.id = :id AND f.confirmedAt IS NOT NULL AND f.webauthn.signCount = :expected",
                q -> q.setParameter("next", next).setParameter("now", now).setParameter("id", id)
                        .setParameter("expected", expected));
    }

    /**
     * Replaces a factor's encrypted secret, after re-encryption under a new key.
     *
     * @param id            the factor id
     * @param oldCiphertext the ciphertext that was read, so a concurrent change is not overwritten
     * @param newCiphertext the ciphertext under the active key
     * @return true if replaced
     */
    public boolean replaceCiphertext(String id, String oldCiphertext, String newCiphertext) {
        return updateOne("re-encrypting a secret", "f.secretCiphertext = :newCiphertext",
                "f.id = :id AND f.secretCiphertext = :oldCiphertext",
                q -> q.setParameter("newCiphertext", newCiphertext).setParameter("id", id)
                        .setParameter("oldCiphertext", oldCiphertext));
    }

    /**
     * Lists factors whose secret is encrypted under another key than the active one, for re-encryption after a key
     * rotation. The token names its key ({@code tg1.<keyId>.}), so the database finds them without decrypting.
     *
     * @param activeKeyId the key new secrets are encrypted with
     * @param limit       at most this many, so a maintenance run works in bounded batches
     * @return the factors to re-encrypt
     */
    public List<Factor> findEncryptedWithOtherKeys(String activeKeyId, int limit) {
        return inTransaction("listing factors to re-encrypt", em -> em.createQuery(
                        "SELECT f FROM FactorEntity f WHERE f.secretCiphertext IS NOT NULL"
                                + " AND f.secretCiphertext NOT LIKE :active ORDER BY f.id", FactorEntity.class)
                .setParameter("active", "tg1." + activeKeyId + ".%")
                .setMaxResults(limit)
                .getResultList().stream().map(FactorEntity::toFactor).toList());
    }

    /**
     * Renames a factor of this user.
     *
     * @param id       the factor id
     * @param username the owner, checked in the same statement
     * @param label    the new label, already checked
     * @return true if renamed
     */
    public boolean rename(String id, String username, String label) {
        return updateOne("renaming a factor", "f.label = :label", "f.id = :id AND f.username = :username",
                q -> q.setParameter("label", label).setParameter("id", id).setParameter("username", username));
    }

    /**
     * Deletes a factor of this user and, when it is the user's last one, their recovery codes, in one transaction:
     * recovery codes stand in for a factor, so they never outlive the last one, and a failure leaves both.
     *
     * @param id                  the factor id
     * @param username            the owner, checked in the same statement
     * @param withRecoveryCodes   whether the user's recovery codes go too
     * @return true if deleted; false if there was no such factor of this user (then nothing is deleted)
     */
    public boolean delete(String id, String username, boolean withRecoveryCodes) {
        return inTransaction("removing a factor", em -> {
            boolean deleted = em.createQuery("DELETE FROM FactorEntity f WHERE f.id = :id AND f.username = :username")
                    .setParameter("id", id)
                    .setParameter("username", username)
                    .executeUpdate() == 1;
            if (deleted && withRecoveryCodes) {
                RecoveryCodeStore.deleteAll(em, username);
            }
            return deleted;
        });
    }

    /**
     * Deletes enrolments that were started but never confirmed before a cut-off, so abandoned secrets do not pile
     * up.
     *
     * @param username the owner
     * @param before   the cut-off
     * @return how many were deleted
     */
    public int deleteUnconfirmed(String username, Instant before) {
        return inTransaction("removing abandoned enrolments", em -> em.createQuery(
                        "DELETE FROM FactorEntity f WHERE f.username = :username AND f.confirmedAt IS NULL"
                                + " AND f.createdAt < :before")
                .setParameter("username", username)
                .setParameter("before", before)
                .executeUpdate());
    }

    /**
     * Runs {@code UPDATE FactorEntity f SET <set> WHERE <where>} in a transaction of its own, and tells whether it
     * changed the one row: the caller's proof that this call, and no concurrent one, made the change.
     */
    private boolean updateOne(String operation, String set, String where, UnaryOperator<Query> parameters) {
        return inTransaction(operation, em -> updateOne(em, set, where, parameters));
    }

    /**
     * The conditional update, within the caller's transaction. It moves the row version on as JPA does for the
     * changes it makes itself, which a bulk update would skip.
     */
    private static boolean updateOne(EntityManager em, String set, String where, UnaryOperator<Query> parameters) {
        return parameters.apply(em.createQuery("UPDATE FactorEntity f SET " + set
                + ", f.rowVersion = f.rowVersion + 1 WHERE " + where)).executeUpdate() == 1;
    }

    private <T> T inTransaction(String operation, Function<EntityManager, T> work) {
        return transactions.run(operation, work);
    }
}
