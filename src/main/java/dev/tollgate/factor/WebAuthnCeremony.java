package dev.tollgate.factor;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One WebAuthn ceremony in progress: the challenge the server sent and what it must check the answer against. The
 * web layer keeps it in the HTTP session and takes it out before checking the answer, so each challenge is used once
 * and only by the session it was issued to (WebAuthn Level 2, section 13.4.3).
 *
 * @param kind          registration of a new key, or authentication with one
 * @param challenge     the random challenge, unpadded Base64url
 * @param factorId      the id the new factor will get (registration), or null
 * @param label         the new key's label (registration), or null
 * @param userHandle    the user handle sent in the creation options (registration), or null
 * @param credentialIds the credentials excluded (registration) or allowed (authentication), Base64url
 * @param transports    the transports of each allowed credential, comma-separated, in the order of credentialIds
 * @param transactionId the login transaction it belongs to (authentication), or null
 * @param expiresAt     after this the answer is refused
 */
public record WebAuthnCeremony(Kind kind, String challenge, String factorId, String label, String userHandle,
        List<String> credentialIds, List<String> transports, String transactionId, Instant expiresAt)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The session attribute that holds the pending ceremony. */
    public static final String ATTRIBUTE = "dev.tollgate.webauthn";

    /** Which ceremony. */
    public enum Kind {
        /** {@code navigator.credentials.create}: a signed-in user adds a key. */
        REGISTRATION,
        /** {@code navigator.credentials.get}: the second step of a sign-in. */
        AUTHENTICATION
    }

    /** Checks the required fields. */
    public WebAuthnCeremony {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(challenge, "challenge");
        credentialIds = List.copyOf(credentialIds);
        transports = List.copyOf(transports);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether the ceremony has expired.
     *
     * @param now the current time
     * @return true from {@link #expiresAt()} on
     */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
