package dev.tollgate.factor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code navigator.credentials.get} in progress: the second step of a sign-in with a security key.
 *
 * @param challenge     the random challenge, unpadded Base64url
 * @param keys          the user's keys, which the browser may offer (section 5.5, {@code allowCredentials})
 * @param transactionId the login transaction the answer completes
 * @param expiresAt     after this the answer is refused
 */
public record AssertionCeremony(String challenge, List<KeyDescriptor> keys, String transactionId, Instant expiresAt)
        implements WebAuthnCeremony {

    private static final long serialVersionUID = 1L;

    /** Checks the fields. */
    public AssertionCeremony {
        Objects.requireNonNull(challenge, "challenge");
        keys = List.copyOf(keys);
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether a key is one this ceremony allows.
     *
     * @param credentialId the credential id of the answer, Base64url
     * @return true if it is among {@link #keys()}
     */
    public boolean allows(String credentialId) {
        return keys.stream().anyMatch(k -> k.id().equals(credentialId));
    }
}
