package dev.tollgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored second factor: who owns it, what it is, and its state.
 *
 * @param id               a random UUID, also bound into the secret's encryption so a ciphertext cannot be moved
 *                         to another row
 * @param username         the owner's caller name, as the container reports it
 * @param type             the kind of factor
 * @param label            the owner's name for it, for example "work phone"
 * @param secretCiphertext the encrypted TOTP secret (never the secret)
 * @param algorithm        the TOTP HMAC algorithm's key-URI name, for example {@code SHA1}
 * @param digits           digits per code
 * @param periodSeconds    the TOTP time step
 * @param confirmedAt      when the owner proved possession by entering a first code, or {@code null} while
 *                         enrolment is pending
 * @param createdAt        when enrolment started
 * @param lastUsedAt       when a code was last accepted, or {@code null}
 * @param lastAcceptedStep the time step of the last accepted code, or {@code null}
 * @param webauthn         the credential of a {@link FactorType#WEBAUTHN} factor, {@code null} for other types
 */
public record Factor(String id, String username, FactorType type, String label, String secretCiphertext,
        String algorithm, int digits, int periodSeconds, Instant confirmedAt, Instant createdAt, Instant lastUsedAt,
        Long lastAcceptedStep, WebAuthnCredential webauthn) {

    /**
     * A factor without a WebAuthn credential: an authenticator app.
     *
     * @param id               the id
     * @param username         the owner
     * @param type             the kind of factor
     * @param label            the owner's name for it
     * @param secretCiphertext the encrypted TOTP secret
     * @param algorithm        the TOTP algorithm
     * @param digits           digits per code
     * @param periodSeconds    the TOTP time step
     * @param confirmedAt      when confirmed, or {@code null}
     * @param createdAt        when enrolment started
     * @param lastUsedAt       when last used, or {@code null}
     * @param lastAcceptedStep the step of the last accepted code, or {@code null}
     */
    public Factor(String id, String username, FactorType type, String label, String secretCiphertext,
            String algorithm, int digits, int periodSeconds, Instant confirmedAt, Instant createdAt,
            Instant lastUsedAt, Long lastAcceptedStep) {
        this(id, username, type, label, secretCiphertext, algorithm, digits, periodSeconds, confirmedAt, createdAt,
                lastUsedAt, lastAcceptedStep, null);
    }

    /** Checks the required fields. */
    public Factor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Tells whether the owner confirmed the factor, so that it counts for sign-in.
     *
     * @return true once a first code was accepted
     */
    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Returns a description without the ciphertext. */
    @Override
    public String toString() {
        return "Factor[id=" + id + ", username=" + username + ", type=" + type.code() + ", label=" + label
                + ", confirmed=" + confirmed() + "]";
    }
}
