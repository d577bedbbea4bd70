package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The columns of {@code tollgate_factor} that hold a security key's {@link WebAuthnCredential}, as a part of
 * {@link FactorEntity}. They are all null for the other kinds of factor, which JPA reads back as no credential.
 */
@Embeddable
public class WebAuthnColumns {

    /** The credential id, unpadded Base64url (at most 1023 bytes, section 5.8.3 of Level 3). */
    @Column(name = "credential_id", length = 1400)
    private String credentialId;

    /** The attested credential data (AAGUID, credential id, COSE public key), Base64url. */
    @Column(name = "public_key", length = 4000)
    private String attestedCredentialData;

    /** The last signature counter seen; one that goes backwards betrays a cloned key. */
    @Column(name = "sign_count")
    private Long signCount;

    @Column(name = "transports", length = 100)
    private String transports;

    @Column(name = "aaguid", length = 36)
    private String aaguid;

    @Column(name = "user_handle", length = 100)
    private String userHandle;

    /** For JPA. */
    protected WebAuthnColumns() {
    }

    WebAuthnColumns(WebAuthnCredential credential) {
        this.credentialId = credential.credentialId();
        this.attestedCredentialData = credential.attestedCredentialData();
        this.signCount = credential.signCount();
        this.transports = credential.transports();
        this.aaguid = credential.aaguid();
        this.userHandle = credential.userHandle();
    }

    WebAuthnCredential toCredential() {
        return credentialId == null ? null : new WebAuthnCredential(credentialId, attestedCredentialData,
                signCount == null ? 0 : signCount, transports, aaguid, userHandle);
    }
}
