package dev.tollgate.twostep;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An authenticator app being added on the enrolment page: the factor waits, unconfirmed, for its first code, and the
 * page shows the same key again after a reload.
 *
 * @param factorId  the unconfirmed factor
 * @param expiresAt after this the enrolment starts again with a new key
 */
public record PendingEnrolment(String factorId, Instant expiresAt) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks the fields. */
    public PendingEnrolment {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether the enrolment ran out of time.
     *
     * @param now the current time
     * @return true from {@link #expiresAt()} on
     */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
