package dev.tollgate.factor;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A FIDO2 authenticator in software for tests: an ES256 key pair and a signature counter. Authenticator data and
 * attestation objects are encoded with webauthn4j's own converters; only the client data JSON, which a browser
 * writes, is written here. The counter can be set back, as a cloned key would.
 */
public final class SoftwareAuthenticator {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private long counter;
    private byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV);

    public SoftwareAuthenticator() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new java.security.SecureRandom().nextBytes(credentialId);
    }

    public String credentialId() {
        return B64.encodeToString(credentialId);
    }

    void counter(long value) {
        counter = value;
    }

    /** Answers without user presence (no touch), which a relying party must refuse. */
    void withoutUserPresence() {
        flags = AuthenticatorData.BIT_UV;
    }

    /** Answers with presence but without user verification. */
    void withoutUserVerification() {
        flags = AuthenticatorData.BIT_UP;
    }

    /** The answer to {@code navigator.credentials.create}, as {@code PublicKeyCredential.toJSON()}. */
    public String register(String rpId, String origin, String challenge) throws Exception {
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create(keys.getPublic() instanceof java.security.interfaces.ECPublicKey ec ? ec : null,
                        COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                        (byte) (flags | AuthenticatorData.BIT_AT), counter, attested);
        byte[] attestation = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        String clientData = clientData("webauthn.create", challenge, origin);
        return "{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId() + "\",\"type\":\"public-key\","
                + "\"response\":{\"clientDataJSON\":\"" + B64.encodeToString(clientData.getBytes(StandardCharsets.UTF_8))
                + "\",\"attestationObject\":\"" + B64.encodeToString(attestation) + "\",\"transports\":[\"usb\"]},"
                + "\"clientExtensionResults\":{}}";
    }

    /** The answer to {@code navigator.credentials.get}, signed with the key; the counter goes up by one first. */
    public String assert_(String rpId, String origin, String challenge) throws Exception {
        counter++;
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, counter);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(data);
        byte[] clientData = clientData("webauthn.get", challenge, origin).getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(ByteBuffer.allocate(authenticatorData.length + 32).put(authenticatorData).put(sha256(clientData))
                .array());
        return "{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId() + "\",\"type\":\"public-key\","
                + "\"response\":{\"clientDataJSON\":\"" + B64.encodeToString(clientData)
                + "\",\"authenticatorData\":\"" + B64.encodeToString(authenticatorData)
                + "\",\"signature\":\"" + B64.encodeToString(signer.sign()) + "\"},\"clientExtensionResults\":{}}";
    }

    private static String clientData(String type, String challenge, String origin) {
        return "{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}";
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
