package dev.tollgate.factor;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.crypto.SecretDecryptionException;
import dev.tollgate.otp.HashAlgorithm;
import dev.tollgate.otp.OtpAuthUri;
import dev.tollgate.otp.OtpCode;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import dev.tollgate.otp.TotpMatch;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.FactorType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Enrols, confirms and verifies authenticator-app (TOTP) factors: the OTP core, the encryption of secrets at rest
 * and the store, put together.
 *
 * <pre>{@code
 * TotpEnrolment enrolment = factors.enrol("alice", "work phone");   // show enrolment.keyUri() as a QR code
 * factors.confirm("alice", enrolment.factorId(), "123456");         // the first code proves possession
 * Optional<Factor> used = factors.verify("alice", "654321");        // at sign-in; each code works once
 * }</pre>
 */
public final class TotpFactors {

    private static final Logger LOG = Logger.getLogger(TotpFactors.class.getName());

    /** Enrolments not confirmed within this time are deleted when the user starts another. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    /** The label of an app the user did not name. */
    public static final String DEFAULT_LABEL = "Authenticator app";

    private final FactorStore store;
    private final TotpSecrets secrets;
    private final Clock clock;
    private final SecureRandom random;
    private final int window;
    private final int secretBits;
    private final String issuer;

    /**
     * Creates the service.
     *
     * @param store      where factors live
     * @param keys       the key ring that encrypts secrets at rest
     * @param clock      the server's time
     * @param random     the source of secrets
     * @param window     TOTP steps accepted either side of the current one
     * @param secretBits length of new secrets
     * @param issuer     the name authenticator apps show for the account
     */
    public TotpFactors(FactorStore store, KeyRing keys, Clock clock, SecureRandom random, int window, int secretBits,
            String issuer) {
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = new TotpSecrets(store, keys);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.window = window;
        this.secretBits = secretBits;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * Starts enrolling a new authenticator app: generates and stores (encrypted, unconfirmed) a secret.
     *
     * @param username the owner
     * @param label    the owner's name for it, or null or blank for {@value #DEFAULT_LABEL}
     * @return the secret and key URI to show once
     * @throws InvalidRequestException if the label is too long or has control characters
     */
    public TotpEnrolment enrol(String username, String label) {
        String cleanLabel = FactorLabels.clean(label, DEFAULT_LABEL);
        Instant now = clock.instant();
        store.deleteUnconfirmed(username, now.minus(ABANDONED_AFTER));
        Secret secret = Secret.generate(random, secretBits);
        OtpParameters parameters = OtpParameters.DEFAULT;
        String id = store.newId();
        String ciphertext = secrets.seal(id, username, secret);
        store.insert(new Factor(id, username, FactorType.TOTP, cleanLabel, ciphertext,
                parameters.algorithm().uriName(), parameters.digits(), (int) parameters.periodSeconds(), null, now,
                null, null));
        return new TotpEnrolment(id, secret, new OtpAuthUri(issuer, username, secret, parameters));
    }

    /**
     * Shows a pending enrolment again, for example when the enrolment page is reloaded before the first code.
     *
     * @param username the owner
     * @param factorId the pending factor
     * @return the enrolment, or empty if it is not a pending factor of this user
     */
    public Optional<TotpEnrolment> resume(String username, String factorId) {
        return store.find(factorId)
                .filter(f -> f.username().equals(username) && f.type() == FactorType.TOTP && !f.confirmed())
                .map(f -> {
                    Secret secret = secrets.open(f);
                    return new TotpEnrolment(f.id(), secret, new OtpAuthUri(issuer, username, secret, parametersOf(f)));
                });
    }

    /**
     * Renames a factor of this user.
     *
     * @param username the owner
     * @param factorId the factor
     * @param label    the new name
     * @return true if renamed
     * @throws InvalidRequestException if the label is too long or has control characters
     */
    public boolean rename(String username, String factorId, String label) {
        return store.rename(factorId, username, FactorLabels.clean(label, DEFAULT_LABEL));
    }

    /**
     * Confirms an enrolment with the first code from the app.
     *
     * @param username the owner
     * @param factorId the factor being enrolled
     * @param code     the code as typed
     * @return true if the code matched and the factor is now confirmed
     * @throws InvalidRequestException if the code is malformed or the factor is not a pending enrolment of this
     *                                 user
     */
    public boolean confirm(String username, String factorId, String code) {
        return confirm(username, factorId, code, null).confirmed();
    }

    /**
     * The result of a confirmation.
     *
     * @param confirmed     whether the code matched and the factor is now confirmed
     * @param recoveryCodes the recovery codes stored with it, to show once, or empty
     */
    public record Confirmation(boolean confirmed, List<String> recoveryCodes) {

        /** Returns a description without the codes. */
        @Override
        public String toString() {
            return "Confirmation[confirmed=" + confirmed + ", recoveryCodes=" + recoveryCodes.size() + "]";
        }
    }

    /**
     * Confirms an enrolment with the first code from the app and, when the user has no recovery codes, stores a new
     * set in the same transaction: a factor is either confirmed with its recovery codes or not at all.
     *
     * @param username the owner
     * @param factorId the factor being enrolled
     * @param code     the code as typed
     * @param recovery the user's recovery codes, or null to leave them alone
     * @return whether it was confirmed, and the new recovery codes to show
     * @throws InvalidRequestException if the code is malformed or the factor is not a pending enrolment of this
     *                                 user
     */
    public Confirmation confirm(String username, String factorId, String code, RecoveryCodes recovery) {
        Factor factor = store.find(factorId)
                .filter(f -> f.username().equals(username) && f.type() == FactorType.TOTP)
                .orElseThrow(() -> new InvalidRequestException("factorId does not name a factor of yours"));
        if (factor.confirmed()) {
            throw new InvalidRequestException("this factor is already confirmed");
        }
        OtpCode parsed = OtpCode.parse(code, factor.digits());
        Instant now = clock.instant();
        Optional<TotpMatch> match = new Totp(parametersOf(factor), window).verify(secrets.open(factor), parsed, now);
        if (match.isEmpty()) {
            return new Confirmation(false, List.of());
        }
        RecoveryCodes.NewSet codes = RecoveryCodes.firstSet(recovery, username);
        boolean confirmed = store.confirm(factorId, username, match.get().timeStep(), now, codes.hashes());
        return new Confirmation(confirmed, confirmed ? codes.shown() : List.of());
    }

    /**
     * Verifies a sign-in code against the user's confirmed authenticator apps. A code is accepted once: its time
     * step is recorded atomically, so a replay, here or on another server, fails.
     *
     * @param username the user
     * @param code     the code as typed
     * @return the factor that accepted the code, or empty
     * @throws InvalidRequestException if the code is malformed
     */
    public Optional<Factor> verify(String username, String code) {
        List<Factor> factors = store.findConfirmed(username).stream()
                .filter(f -> f.type() == FactorType.TOTP).toList();
        Instant now = clock.instant();
        // parsed once per length: a user's apps may differ in digits, and a malformed code is refused either way
        OtpCode parsed = OtpCode.parse(code, digitsFor(code, factors));
        for (Factor factor : factors) {
            if (factor.digits() != parsed.length()) {
                continue;
            }
            long last = factor.lastAcceptedStep() == null ? Totp.NO_STEP_ACCEPTED : factor.lastAcceptedStep();
            Secret secret;
            try {
                secret = secrets.open(factor);
            } catch (SecretDecryptionException e) {
                // a ciphertext moved from another row, tampered with, or under a key no longer configured: this
                // factor cannot sign anyone in, and an operator must hear of it
                LOG.log(Level.SEVERE, "Tollgate: the secret of factor " + factor.id() + " cannot be decrypted ("
                        + e.reason() + "); the factor is refused until it is enrolled again");
                continue;
            }
            Optional<TotpMatch> match = new Totp(parametersOf(factor), window).verify(secret, parsed, now, last);
            if (match.isPresent() && store.acceptStep(factor.id(), match.get().timeStep(), now)) {
                return Optional.of(factor);
            }
        }
        return Optional.empty();
    }

    /** The digit count to parse a code with: the one of a factor that matches the typed length, else the default. */
    private static int digitsFor(String code, List<Factor> factors) {
        long typedDigits = code == null ? 0 : code.chars().filter(c -> c >= '0' && c <= '9').count();
        return factors.stream().mapToInt(Factor::digits).filter(d -> d == typedDigits).findFirst()
                .orElse(OtpParameters.DEFAULT.digits());
    }

    /**
     * Explains a wrong code: tells whether it matches one of the user's apps at a clock that is behind by more than the
     * accepted window (up to {@value Totp#MAX_WINDOW} steps, five minutes at 30 s), so that the user can be told to fix
     * the phone's clock rather than to retype. The code still counts as wrong. Only a step in the past is explained:
     * the hint tells whoever typed the code that it is the code of that step, which is harmless for a past step (it
     * can never be accepted), but for a step to come it would make any of 21 steps a hit for a guesser instead of the
     * window's, with a code that signs in when that step comes.
     *
     * @param username the user
     * @param code     the wrong code as typed
     * @return how far the phone's clock seems behind (negative), or empty
     */
    public Optional<Duration> clockOffset(String username, String code) {
        OtpCode parsed;
        try {
            parsed = OtpCode.parse(code, OtpParameters.DEFAULT.digits());
        } catch (InvalidRequestException malformed) {
            return Optional.empty();
        }
        for (Factor factor : store.findConfirmed(username)) {
            if (factor.type() != FactorType.TOTP || factor.digits() != parsed.length()) {
                continue;
            }
            try {
                Optional<TotpMatch> match = new Totp(parametersOf(factor), Totp.MAX_WINDOW)
                        .verify(secrets.open(factor), parsed, clock.instant());
                if (match.isPresent() && match.get().drift() < -window) {
                    return Optional.of(Duration.ofSeconds((long) match.get().drift() * factor.periodSeconds()));
                }
            } catch (SecretDecryptionException e) {
                // reported by verify; nothing to explain here
            }
        }
        return Optional.empty();
    }

    /**
     * The result of {@link #reencryptAll()}.
     *
     * @param reencrypted secrets now under the active key
     * @param failed      secrets that could not be decrypted (their key is no longer configured, or they were
     *                    tampered with); they keep their old ciphertext
     */
    public record Reencryption(int reencrypted, int failed) {
    }

    /**
     * Re-encrypts every stored secret that is still under an older key, after a key rotation: the maintenance call
     * that lets the old key be removed from {@code tollgate.encryptionKeys}. Secrets are also re-encrypted one by one
     * when used; this covers the factors nobody uses. Safe to run while users sign in, and to run again.
     *
     * @return how many were re-encrypted, and how many could not be
     */
    public Reencryption reencryptAll() {
        return secrets.reencryptAll();
    }

    private static OtpParameters parametersOf(Factor factor) {
        return new OtpParameters(HashAlgorithm.fromUriName(factor.algorithm()), factor.digits(),
                Duration.ofSeconds(factor.periodSeconds()));
    }
}
