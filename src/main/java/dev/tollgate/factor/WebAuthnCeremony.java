package dev.tollgate.factor;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One WebAuthn ceremony in progress: the challenge the server sent and what it must check the answer against. It is
 * kept in the session's state and taken out before the answer is checked, so each challenge is used once and only by
 * the session it was issued to (WebAuthn Level 2, section 13.4.3).
 */
public sealed interface WebAuthnCeremony extends Serializable permits RegistrationCeremony, AssertionCeremony {

    /**
     * Returns the random challenge.
     *
     * @return unpadded Base64url
     */
    String challenge();

    /**
     * Returns the user's keys: excluded from a registration, allowed in an assertion.
     *
     * @return the keys, in the order they were registered
     */
    List<KeyDescriptor> keys();

    /**
     * Returns the end of the ceremony.
     *
     * @return after this the answer is refused
     */
    Instant expiresAt();

    /**
     * Tells whether the ceremony has expired.
     *
     * @param now the current time
     * @return true from {@link #expiresAt()} on
     */
    default boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }

    /**
     * A registered key as the options name it ({@code PublicKeyCredentialDescriptor}, section 5.8.3).
     *
     * @param id         the credential id, Base64url
     * @param transports how the client reached the authenticator ({@code usb}, {@code nfc}, ...), possibly none
     */
    record KeyDescriptor(String id, List<String> transports) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Copies the transports. */
        public KeyDescriptor {
            transports = List.copyOf(transports);
        }

        static KeyDescriptor of(dev.tollgate.store.WebAuthnCredential credential) {
            return new KeyDescriptor(credential.credentialId(), java.util.Arrays.stream(
                    credential.transports().split(",")).filter(t -> !t.isBlank()).toList());
        }
    }
}
