package dev.tollgate.store;

import java.util.Objects;

/**
 * What a relying party keeps of one WebAuthn credential (a security key or passkey), beside its {@link Factor} row.
 * Binary values are unpadded Base64url text, as WebAuthn's JSON serialisation writes them.
 *
 * @param credentialId           the credential id the authenticator chose (WebAuthn Level 2, section 6.5.1)
 * @param attestedCredentialData the authenticator's attested credential data as webauthn4j serialises it: the
 *                               AAGUID, the credential id and the COSE public key (section 6.5.1); never parsed
 *                               by Tollgate itself
 * @param signCount              the last signature counter seen (section 6.1.1), 0 for authenticators that keep none
 * @param transports             how the client reached the authenticator ({@code usb,nfc}), comma-separated, or empty
 * @param aaguid                 the authenticator model's AAGUID, all zeros when attestation is not conveyed
 * @param userHandle             the opaque user handle the credential was created for (section 14.6.1: no personal
 *                               data)
 */
public record WebAuthnCredential(String credentialId, String attestedCredentialData, long signCount,
        String transports, String aaguid, String userHandle) {

    /** Checks the required fields. */
    public WebAuthnCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(attestedCredentialData, "attestedCredentialData");
        transports = transports == null ? "" : transports;
        Objects.requireNonNull(aaguid, "aaguid");
        Objects.requireNonNull(userHandle, "userHandle");
    }
}
