package dev.tollgate.factor;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.tollgate.config.WebAuthnSettings.UserVerification;
import dev.tollgate.factor.WebAuthnFactors.RelyingParty;
import dev.tollgate.store.WebAuthnCredential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * webauthn4j behind the few calls the ceremonies make: the answers' JSON, CBOR and COSE keys, the signatures and
 * counters, and the stored form of a credential. The ceremonies decide what a finding means; this class only speaks
 * the library's language, so that a change of library touches one file.
 */
final class WebAuthnLibrary {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final String NO_AAGUID = "00000000-0000-0000-0000-000000000000";

    private final WebAuthnManager manager;
    private final AttestedCredentialDataConverter credentialDataConverter;

    WebAuthnLibrary() {
        ObjectConverter converter = new ObjectConverter();
        // non-strict: attestation statements are checked for form, not against trust anchors (see WebAuthnFactors)
        this.manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.credentialDataConverter = new AttestedCredentialDataConverter(converter);
    }

    /**
     * Verifies a registration answer against its challenge and the relying party (section 7.1).
     *
     * @throws com.webauthn4j.converter.exception.DataConversionException if the answer is malformed
     * @throws com.webauthn4j.verifier.exception.VerificationException    if it is refused
     */
    RegistrationData verifyRegistration(String responseJson, RelyingParty relyingParty, String challenge) {
        return manager.verifyRegistrationResponseJSON(responseJson, registrationParameters(relyingParty, challenge));
    }

    /** The stored form of a verified registration's credential, under the user's handle. */
    WebAuthnCredential credentialOf(RegistrationData data, String userHandle) {
        AttestedCredentialData credential = data.getAttestationObject().getAuthenticatorData()
                .getAttestedCredentialData();
        Set<AuthenticatorTransport> transports = data.getTransports() == null ? Set.of() : data.getTransports();
        return new WebAuthnCredential(base64url(credential.getCredentialId()),
                base64url(credentialDataConverter.convert(credential)),
                data.getAttestationObject().getAuthenticatorData().getSignCount(),
                transports.stream().map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(",")),
                credential.getAaguid().getValue() == null ? NO_AAGUID : credential.getAaguid().getValue().toString(),
                userHandle);
    }

    /**
     * Reads an assertion, before it is checked.
     *
     * @throws com.webauthn4j.converter.exception.DataConversionException if it is malformed
     */
    AuthenticationData parseAssertion(String responseJson) {
        return manager.parseAuthenticationResponseJSON(responseJson);
    }

    /**
     * Checks an assertion (section 7.2) against its challenge, the relying party and the stored key: signature, user
     * presence and verification as required, and a counter that moved forward.
     *
     * @throws com.webauthn4j.verifier.exception.MaliciousCounterValueException if the counter did not move forward
     * @throws com.webauthn4j.verifier.exception.VerificationException         if it is refused otherwise
     */
    void verifyAssertion(AuthenticationData assertion, RelyingParty relyingParty, String challenge,
            WebAuthnCredential stored) {
        AttestedCredentialData attested = credentialDataConverter.convert(
                BASE64URL_DECODER.decode(stored.attestedCredentialData()));
        manager.verify(assertion, authenticationParameters(relyingParty, challenge,
                record(stored.signCount(), attested, transports(stored)), assertion.getCredentialId()));
    }

    /**
     * Runs both ceremonies once, through the same library calls a real key goes through (the answer's JSON, the
     * attestation object's CBOR, the COSE key, the stored form of the credential, the ES256 signature, the counter),
     * on answers recorded from a software authenticator.
     *
     * @throws RuntimeException if the recorded answers are refused
     * @throws LinkageError     if the library's classes do not fit together in this server
     */
    void selfTest() {
        Properties vector = new Properties();
        try (InputStream in = WebAuthnLibrary.class.getResourceAsStream("webauthn-self-test.properties")) {
            if (in == null) {
                throw new IllegalStateException("webauthn-self-test.properties is missing from the jar");
            }
            vector.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelyingParty relyingParty = new RelyingParty(vector.getProperty("rpId"),
                Set.of(vector.getProperty("origin")), UserVerification.PREFERRED);
        RegistrationData registration = verifyRegistration(vector.getProperty("registration"), relyingParty,
                vector.getProperty("registrationChallenge"));
        // through the text the database keeps, as a sign-in reads it back
        WebAuthnCredential stored = credentialOf(registration, "self-test");
        AuthenticationData assertion = parseAssertion(vector.getProperty("assertion"));
        verifyAssertion(assertion, relyingParty, vector.getProperty("authenticationChallenge"), stored);
    }

    /** Unpadded Base64url, the encoding of every id and challenge the ceremonies exchange. */
    static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /** The library's finding in a few words: its class name says what failed (BadOrigin, BadChallenge, ...). */
    static String describe(Exception e) {
        String name = e.getClass().getSimpleName().replaceAll("Exception$", "");
        List<String> words = new ArrayList<>();
        for (String word : name.split("(?=[A-Z])")) {
            words.add(word.toLowerCase(Locale.ROOT));
        }
        return String.join(" ", words);
    }

    private static RegistrationParameters registrationParameters(RelyingParty relyingParty, String challenge) {
        return new RegistrationParameters(serverProperty(relyingParty, challenge),
                WebAuthnFactors.ALGORITHMS.stream().map(WebAuthnLibrary::credentialParameters).toList(),
                relyingParty.userVerification() == UserVerification.REQUIRED, true);
    }

    private static AuthenticationParameters authenticationParameters(RelyingParty relyingParty, String challenge,
            CredentialRecord record, byte[] credentialId) {
        return new AuthenticationParameters(serverProperty(relyingParty, challenge), record, List.of(credentialId),
                relyingParty.userVerification() == UserVerification.REQUIRED, true);
    }

    private static CredentialRecord record(long signCount, AttestedCredentialData attested,
            Set<AuthenticatorTransport> transports) {
        return new CredentialRecordImpl(null, null, null, null, signCount, attested, null, null, null, transports);
    }

    private static ServerProperty serverProperty(RelyingParty relyingParty, String challenge) {
        Set<Origin> origins = new LinkedHashSet<>();
        relyingParty.origins().forEach(origin -> origins.add(new Origin(origin)));
        return ServerProperty.builder().origins(origins).rpId(relyingParty.id())
                .challenge(new DefaultChallenge(BASE64URL_DECODER.decode(challenge))).build();
    }

    private static PublicKeyCredentialParameters credentialParameters(long algorithm) {
        return new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                COSEAlgorithmIdentifier.create(algorithm));
    }

    private static Set<AuthenticatorTransport> transports(WebAuthnCredential credential) {
        Set<AuthenticatorTransport> transports = new LinkedHashSet<>();
        for (String transport : credential.transports().split(",")) {
            if (!transport.isBlank()) {
                transports.add(AuthenticatorTransport.create(transport));
            }
        }
        return transports;
    }
}
