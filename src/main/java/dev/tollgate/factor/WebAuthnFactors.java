package dev.tollgate.factor;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.config.WebAuthnSettings.UserVerification;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.FactorType;
import dev.tollgate.store.WebAuthnCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Security keys and passkeys as a second factor: the two WebAuthn ceremonies, with webauthn4j doing the parsing and
 * the verification (CBOR, COSE keys, attestation, signatures) and this class the relying party's bookkeeping.
 *
 * <pre>{@code
 * RegistrationCeremony pending = webauthn.startRegistration("alice", "blue key");   // keep in the session
 * // ... the browser calls navigator.credentials.create with the options built from it ...
 * Registration done = webauthn.finishRegistration("alice", pending, responseJson, relyingParty, recovery);
 * }</pre>
 *
 * <p>Attestation is not asked for ({@code attestation: "none"}) and not judged: the key proves possession, not its
 * make, so no trust anchors are needed; the AAGUID is kept for the record.
 */
public final class WebAuthnFactors {

    /** How long a ceremony's challenge is valid; also the timeout the browser is given. */
    public static final Duration CEREMONY_TTL = Duration.ofMinutes(5);

    /** The default label of a new key. */
    public static final String DEFAULT_LABEL = "Security key";

    /**
     * The signature algorithms offered, in order of preference: ES256 (every FIDO2 key) and RS256 (Windows Hello).
     */
    public static final List<Long> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256.getValue(),
            COSEAlgorithmIdentifier.RS256.getValue());

    /**
     * The relying party a ceremony runs for: its id, the origins answers may come from, and the user-verification
     * requirement.
     *
     * @param id               the RP id, a registrable domain such as {@code example.com}
     * @param origins          the allowed origins, such as {@code https://example.com}
     * @param userVerification whether the authenticator must verify the user
     */
    public record RelyingParty(String id, Set<String> origins, UserVerification userVerification) {

        /** Checks the fields. */
        public RelyingParty {
            Objects.requireNonNull(id, "id");
            origins = Set.copyOf(origins);
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("origins is empty");
            }
            Objects.requireNonNull(userVerification, "userVerification");
        }
    }

    /**
     * A registration that went through.
     *
     * @param factor        the new, confirmed factor
     * @param recoveryCodes the first set of recovery codes, to show once, when this is the user's first factor
     */
    public record Registration(Factor factor, List<String> recoveryCodes) {

        /** Returns a description without the recovery codes. */
        @Override
        public String toString() {
            return "Registration[factor=" + factor.id() + "]";
        }
    }

    /** The result of an assertion's check. */
    public sealed interface Outcome permits Accepted, Refused, Cloned {
    }

    /**
     * The assertion was right; the key's counter and last use are recorded.
     *
     * @param factor the key that signed
     */
    public record Accepted(Factor factor) implements Outcome {
    }

    /**
     * The assertion was refused.
     *
     * @param reason what was wrong, for the security log (no credential data)
     */
    public record Refused(String reason) implements Outcome {
    }

    /**
     * The signature was right but the key's counter did not move forward: the key, or a copy of it, was used
     * elsewhere since (WebAuthn Level 2, section 6.1.1). Refused, and reported.
     *
     * @param factor     the key whose counter went backwards
     * @param stored     the counter Tollgate had
     * @param asserted   the counter of this assertion
     */
    public record Cloned(Factor factor, long stored, long asserted) implements Outcome {
    }

    private final FactorStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final WebAuthnLibrary library;

    /**
     * Creates the ceremonies.
     *
     * @param store  where factors live
     * @param clock  the time
     * @param random for challenges and user handles
     */
    public WebAuthnFactors(FactorStore store, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.library = new WebAuthnLibrary();
    }

    /**
     * Starts adding a security key: a fresh challenge, the user's handle, and their keys to exclude, so that the same
     * key is not registered twice (section 5.4, {@code excludeCredentials}).
     *
     * @param username the signed-in user
     * @param label    the user's name for the key, or null for {@value #DEFAULT_LABEL}
     * @return the ceremony to keep in the session and to build the creation options from
     * @throws InvalidRequestException if the label is too long or has control characters
     */
    public RegistrationCeremony startRegistration(String username, String label) {
        String cleanLabel = FactorLabels.clean(label, DEFAULT_LABEL);
        List<WebAuthnCredential> keys = credentialsOf(username).stream().map(Factor::webauthn).toList();
        // one handle per user, random (section 14.6.1: no personal data in it), shared by all their keys
        String userHandle = keys.isEmpty() ? randomBase64url(32) : keys.get(0).userHandle();
        return new RegistrationCeremony(randomBase64url(32), store.newId(), cleanLabel, userHandle,
                keys.stream().map(WebAuthnCeremony.KeyDescriptor::of).toList(), clock.instant().plus(CEREMONY_TTL));
    }

    /**
     * Finishes adding a security key: verifies the authenticator's answer against the ceremony (challenge, origin,
     * RP id hash, user presence, user verification as required, algorithm; section 7.1) and stores the key,
     * confirmed, with a first set of recovery codes when it is the user's first factor.
     *
     * @param username     the signed-in user, who started the ceremony
     * @param ceremony     the ceremony taken out of the session
     * @param responseJson the {@code PublicKeyCredential} as JSON ({@code toJSON()} of WebAuthn Level 3)
     * @param relyingParty the relying party
     * @param recovery     the user's recovery codes
     * @return the new factor and the recovery codes to show
     * @throws WebAuthnException if the answer is refused
     */
    public Registration finishRegistration(String username, RegistrationCeremony ceremony, String responseJson,
            RelyingParty relyingParty, RecoveryCodes recovery) {
        Instant now = clock.instant();
        if (ceremony.expiredAt(now)) {
            throw new WebAuthnException("The registration took too long: start again", null);
        }
        RegistrationData data;
        try {
            data = library.verifyRegistration(responseJson, relyingParty, ceremony.challenge());
        } catch (DataConversionException | VerificationException | IllegalArgumentException e) {
            throw new WebAuthnException("The security key's answer was refused: " + WebAuthnLibrary.describe(e), e);
        }
        WebAuthnCredential stored = library.credentialOf(data, ceremony.userHandle());
        String credentialId = stored.credentialId();
        if (ceremony.keys().stream().anyMatch(k -> k.id().equals(credentialId))
                || store.credentialIdTaken(credentialId)) {
            throw new WebAuthnException("This security key is registered already", null);
        }
        Factor factor = new Factor(ceremony.factorId(), username, FactorType.WEBAUTHN, ceremony.label(), null, null,
                0, 0, now, now, null, null, stored);
        RecoveryCodes.NewSet codes = RecoveryCodes.firstSet(recovery, username);
        store.insertConfirmed(factor, codes.hashes());
        return new Registration(factor, codes.shown());
    }

    /**
     * Starts the second step of a sign-in with a security key: a fresh challenge and the user's keys, which the
     * browser offers (section 5.5, {@code allowCredentials}).
     *
     * @param username      the user signing in
     * @param transactionId the login transaction
     * @return the ceremony, or empty if the user has no security key
     */
    public Optional<AssertionCeremony> startAuthentication(String username, String transactionId) {
        List<WebAuthnCredential> keys = credentialsOf(username).stream().map(Factor::webauthn).toList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AssertionCeremony(randomBase64url(32),
                keys.stream().map(WebAuthnCeremony.KeyDescriptor::of).toList(), transactionId,
                clock.instant().plus(CEREMONY_TTL)));
    }

    /**
     * Checks an assertion (section 7.2): the key must be one of the user's, and the library checks the challenge,
     * origin, RP id hash, user presence, user verification as required, the signature and the counter. An accepted
     * assertion's counter is recorded by a conditional update, so the same counter is never accepted twice.
     *
     * @param username     the user signing in
     * @param ceremony     the ceremony taken out of the session
     * @param responseJson the {@code PublicKeyCredential} as JSON
     * @param relyingParty the relying party
     * @return accepted, refused, or refused as a possibly cloned key
     */
    public Outcome verify(String username, AssertionCeremony ceremony, String responseJson,
            RelyingParty relyingParty) {
        if (ceremony == null) {
            return new Refused("no security-key challenge pending in this session");
        }
        if (ceremony.expiredAt(clock.instant())) {
            return new Refused("the challenge expired");
        }
        AuthenticationData data;
        try {
            data = library.parseAssertion(responseJson);
        } catch (DataConversionException | IllegalArgumentException e) {
            return new Refused("malformed assertion: " + WebAuthnLibrary.describe(e));
        }
        String credentialId = WebAuthnLibrary.base64url(data.getCredentialId());
        Optional<Factor> key = credentialsOf(username).stream()
                .filter(f -> f.webauthn().credentialId().equals(credentialId)).findFirst();
        if (key.isEmpty() || !ceremony.allows(credentialId)) {
            return new Refused("not a security key of this user");
        }
        WebAuthnCredential credential = key.get().webauthn();
        try {
            library.verifyAssertion(data, relyingParty, ceremony.challenge(), credential);
        } catch (MaliciousCounterValueException e) {
            return new Cloned(key.get(), credential.signCount(), data.getAuthenticatorData().getSignCount());
        } catch (VerificationException | IllegalArgumentException e) {
            return new Refused(WebAuthnLibrary.describe(e));
        }
        long asserted = data.getAuthenticatorData().getSignCount();
        if (!store.advanceSignCount(key.get().id(), credential.signCount(), asserted, clock.instant())) {
            return new Refused("the key was used concurrently or removed");
        }
        return new Accepted(key.get());
    }

    /**
     * Lists a user's security keys.
     *
     * @param username the user
     * @return the confirmed WebAuthn factors, oldest first
     */
    public List<Factor> credentialsOf(String username) {
        return store.findConfirmed(username).stream().filter(f -> f.type() == FactorType.WEBAUTHN
                && f.webauthn() != null).toList();
    }

    /**
     * Runs both ceremonies once, through the same library calls a real key goes through (the answer's JSON, the
     * attestation object's CBOR, the COSE key, the stored form of the credential, the ES256 signature, the counter),
     * on answers recorded from a software authenticator. Tollgate calls it at start-up, so that a library that cannot
     * work in the running server is found before a user meets it; see {@link WebAuthnSupport}.
     *
     * @throws RuntimeException if the recorded answers are refused
     * @throws LinkageError     if the library's classes do not fit together in this server, for example when the
     *                          server shows the application a Jackson other than the one webauthn4j was built for
     */
    public void selfTest() {
        library.selfTest();
    }

    private String randomBase64url(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return WebAuthnLibrary.base64url(value);
    }
}
