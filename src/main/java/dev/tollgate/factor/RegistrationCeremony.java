package dev.tollgate.factor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code navigator.credentials.create} in progress: a signed-in user adds a security key.
 *
 * @param challenge  the random challenge, unpadded Base64url
 * @param factorId   the id the new factor will get
 * @param label      the new key's label
 * @param userHandle the user handle sent in the creation options
 * @param keys       the user's keys, excluded so that one key is not registered twice (section 5.4)
 * @param expiresAt  after this the answer is refused
 */
public record RegistrationCeremony(String challenge, String factorId, String label, String userHandle,
        List<KeyDescriptor> keys, Instant expiresAt) implements WebAuthnCeremony {

    private static final long serialVersionUID = 1L;

    /** Checks the fields. */
    public RegistrationCeremony {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(userHandle, "userHandle");
        keys = List.copyOf(keys);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
