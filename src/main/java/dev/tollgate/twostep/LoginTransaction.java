package dev.tollgate.twostep;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in waiting for its second factor, kept in the HTTP session: bounded in time and in attempts.
 *
 * @param id             at least 128 random bits, Base64url; works only in the session that holds it
 * @param purpose        whether the user must verify a factor or enrol one
 * @param createdAt      when the password was accepted
 * @param expiresAt      after this the user must sign in again
 * @param failedAttempts wrong codes so far, as the database counted them when this copy of the session last saw one:
 *                       the database's count, not this one, decides (a replicated session has other copies)
 * @param returnTo       the context-relative path to go back to afterwards, or null
 */
public record LoginTransaction(String id, Purpose purpose, Instant createdAt, Instant expiresAt, int failedAttempts,
        String returnTo) implements Serializable {

    /** What the transaction waits for. */
    public enum Purpose {
        /** A code from a confirmed factor. */
        CHALLENGE,
        /** The enrolment and confirmation of a first factor, which the policy requires. */
        ENROL
    }

    /** Checks the required fields. */
    public LoginTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether the transaction has run out of time.
     *
     * @param now the server's time
     * @return true at and after the expiry
     */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Returns the transaction with the failed attempts counted so far.
     *
     * @param count the attempts the database counted for this transaction
     * @return the updated transaction
     */
    public LoginTransaction withFailedAttempts(int count) {
        return new LoginTransaction(id, purpose, createdAt, expiresAt, count, returnTo);
    }
}
