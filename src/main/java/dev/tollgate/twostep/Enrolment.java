package dev.tollgate.twostep;

import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.RegistrationCeremony;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.factor.WebAuthnException;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.policy.AssuranceLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Adds a factor: an authenticator app (a new key, then its first code) or a security key (creation options, then the
 * key's answer). The same rule decides for both who may add one, on the factors stored at the time of the call: a
 * session at aal2; a session enrolling the first factor that the policy requires, while its transaction lives; or a
 * user who has no factor and need not have one. Otherwise whoever learnt the password could add their own
 * authenticator and pass the second factor with it. The first factor comes with recovery codes, stored with it in
 * one transaction and shown once, and a confirmed factor brings the session to aal2 under a new session id.
 *
 * <pre>{@code
 * Outcome<TotpEnrolment> started = enrolment.startApp(caller, "Work phone", Optional.empty());
 * Outcome<Enrolment.Confirmed> done = enrolment.confirmApp(caller, factorId, "123456", null);
 * }</pre>
 */
public final class Enrolment {

    /** An app being added on the page keeps its key this long; then a reload starts again with a new one. */
    static final Duration PENDING_TTL = Duration.ofMinutes(30);

    private final UseCases.Services services;
    private final Verification verification;

    Enrolment(UseCases.Services services, Verification verification) {
        this.services = services;
        this.verification = verification;
    }

    /**
     * A factor confirmed: the session is at aal2.
     *
     * @param state         the session's new state, stored under a new session id
     * @param factorId      the new factor
     * @param recoveryCodes the recovery codes stored with a first factor, to show once; otherwise empty
     * @param returnTo      the context-relative path the sign-in asked to go back to, or null
     */
    public record Confirmed(MfaState state, String factorId, List<String> recoveryCodes, String returnTo) {

        /** Copies the codes. */
        public Confirmed {
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        @Override
        public String toString() {
            return "Confirmed[factorId=" + factorId + ", recoveryCodes=" + recoveryCodes.size() + "]";
        }
    }

    /**
     * Starts adding an authenticator app: a new secret, stored encrypted and unconfirmed until its first code.
     *
     * @param caller the session
     * @param label  the user's name for it, or null for the default
     * @param proof  a proof of an existing factor, needed when the user has one and the session did not prove it
     *               within {@code tollgate.freshProof.maxAge}
     * @return the key to show (QR code and text), with the state that remembers it; or refused: not signed in, a
     *         second factor is needed first, a recent proof is needed ({@link Problem#CODE_REQUIRED}), or the proof
     *         was wrong
     * @throws dev.tollgate.InvalidRequestException if the label or the proof is malformed
     */
    public Outcome<TotpEnrolment> startApp(Caller caller, String label, Optional<Proof> proof) {
        Optional<Problem> refused = mayAddFactor(caller);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        Outcome<Caller> proved = verification.recentProof(caller, proof, "to add a factor");
        if (!(proved instanceof Outcome.Done<Caller> done)) {
            return proved.asRefusal();
        }
        return begin(done.value(), label);
    }

    private Outcome<TotpEnrolment> begin(Caller caller, String label) {
        TotpEnrolment started = services.totp().enrol(caller.username(), label);
        services.audit().publish(SecurityEventType.FACTOR_ENROLLED, caller, started.factorId(), null);
        return Outcome.done(started, SessionChange.store(caller.state().withEnrolment(
                new PendingEnrolment(started.factorId(), services.clock().instant().plus(PENDING_TTL)))));
    }

    /**
     * Shows the app being added again (a reload of the enrolment page), or starts adding one.
     *
     * @param caller the session
     * @return the pending key, or a new one; refused as {@link #startApp}
     */
    public Outcome<TotpEnrolment> resumeApp(Caller caller) {
        Optional<Problem> refused = mayAddFactor(caller);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        PendingEnrolment pending = caller.state().enrolment();
        if (pending != null && !pending.expiredAt(services.clock().instant())) {
            Optional<TotpEnrolment> resumed = services.totp().resume(caller.username(), pending.factorId());
            if (resumed.isPresent()) {
                return Outcome.done(resumed.get());
            }
        }
        return startApp(caller, null, Optional.empty());
    }

    /**
     * Confirms an authenticator app with its first code.
     *
     * @param caller   the session
     * @param factorId the app being added
     * @param code     its current code
     * @param label    a new name for it, or null to keep the one it has
     * @return confirmed at aal2; or refused: not allowed, or the code was wrong
     * @throws dev.tollgate.InvalidRequestException if the code or label is malformed, or the factor is not a
     *                                              pending app of this user
     */
    public Outcome<Confirmed> confirmApp(Caller caller, String factorId, String code, String label) {
        Optional<Problem> refused = mayAddFactor(caller);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (label != null && !label.isBlank()) {
            services.totp().rename(caller.username(), factorId, label);
        }
        TotpFactors.Confirmation confirmation = services.totp().confirm(caller.username(), factorId, code,
                services.recovery());
        if (!confirmation.confirmed()) {
            return Outcome.refused(new Refusal.WrongProof(Proof.Kind.AUTHENTICATOR_CODE, -1, Optional.empty()),
                    SessionChange.KEEP);
        }
        return confirmed(caller, factorId, confirmation.recoveryCodes(), null);
    }

    /**
     * Starts adding a security key: the creation options' challenge, kept in the session's state.
     *
     * @param caller the session
     * @param label  the user's name for the key, or null for the default
     * @param proof  a proof of an existing factor, as for {@link #startApp}
     * @return the ceremony; or refused: not allowed, a recent proof is needed or was wrong, or security keys
     *         unavailable on this server
     * @throws dev.tollgate.InvalidRequestException if the label is too long or has control characters
     */
    public Outcome<RegistrationCeremony> startSecurityKey(Caller caller, String label, Optional<Proof> proof) {
        Optional<Problem> refused = mayAddFactor(caller);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (services.webauthn() == null) {
            return Outcome.refused(Problem.SECURITY_KEYS_UNAVAILABLE);
        }
        Outcome<Caller> proved = verification.recentProof(caller, proof, "to add a factor");
        if (!(proved instanceof Outcome.Done<Caller> done)) {
            return proved.asRefusal();
        }
        RegistrationCeremony ceremony = services.webauthn().startRegistration(caller.username(), label);
        return Outcome.done(ceremony, SessionChange.store(done.value().state().withCeremony(ceremony)));
    }

    /**
     * Finishes adding a security key with its answer, checked against the ceremony pending in the session, which
     * this call takes out whatever comes of it.
     *
     * @param caller       the session
     * @param factorId     the id the ceremony announced
     * @param responseJson the {@code PublicKeyCredential} as JSON
     * @param relyingParty the relying party
     * @return confirmed at aal2; or refused: not allowed, no such ceremony, or the key's answer was refused
     */
    public Outcome<Confirmed> finishSecurityKey(Caller caller, String factorId, String responseJson,
            WebAuthnFactors.RelyingParty relyingParty) {
        Optional<Problem> refused = mayAddFactor(caller);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (services.webauthn() == null) {
            return Outcome.refused(Problem.SECURITY_KEYS_UNAVAILABLE);
        }
        MfaState state = caller.state();
        Caller taken = new Caller(state.withCeremony(null), caller.containerRoles(), caller.remoteAddress());
        if (!(state.ceremony() instanceof RegistrationCeremony ceremony) || !ceremony.factorId().equals(factorId)) {
            return Outcome.refused(new Refusal.Plain(Problem.NO_CEREMONY), SessionChange.store(taken.state()));
        }
        // another server's copy of the session may still hold the ceremony that this answer completes: used once
        if (!services.limits().firstAnswer(ceremony)) {
            return Outcome.refused(new Refusal.Plain(Problem.NO_CEREMONY), SessionChange.store(taken.state()));
        }
        WebAuthnFactors.Registration registration;
        try {
            registration = services.webauthn().finishRegistration(caller.username(), ceremony, responseJson,
                    relyingParty,
                    services.recovery());
        } catch (WebAuthnException refusedKey) {
            return Outcome.refused(new Refusal.KeyRefused(refusedKey.getMessage()),
                    SessionChange.store(taken.state()));
        }
        services.audit().publish(SecurityEventType.FACTOR_ENROLLED, caller, factorId, "security key");
        return confirmed(taken, factorId, registration.recoveryCodes(), "security key");
    }

    private Outcome<Confirmed> confirmed(Caller caller, String factorId, List<String> recoveryCodes, String detail) {
        services.audit().publish(SecurityEventType.FACTOR_CONFIRMED, caller, factorId, detail);
        MfaState state = caller.state();
        String returnTo = state.transaction() == null ? null : state.transaction().returnTo();
        // this session made the change: it is decided on the stamp that counts it, not re-evaluated for it
        MfaState upgraded = state.atAal2(services.clock().instant())
                .withStamp(services.stamps().fresh(caller.username()));
        if (!recoveryCodes.isEmpty()) {
            services.audit().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, caller, null,
                    "with the first factor");
        }
        return Outcome.done(new Confirmed(upgraded, factorId, recoveryCodes, returnTo),
                SessionChange.newId(upgraded));
    }

    /**
     * Decides whether the caller may add a factor now, on the factors stored at this moment (not on what the session
     * saw at its password).
     *
     * @param caller the session
     * @return empty if allowed; otherwise why not
     */
    public Optional<Problem> mayAddFactor(Caller caller) {
        if (!caller.signedIn()) {
            return Optional.of(Problem.NOT_AUTHENTICATED);
        }
        MfaState state = caller.state();
        if (state.aal() == AssuranceLevel.AAL2) {
            return Optional.empty();
        }
        if (state.enrolling() && !state.transaction().expiredAt(services.clock().instant())) {
            return Optional.empty();
        }
        boolean hasFactor = !services.factorStore().findConfirmed(caller.username()).isEmpty();
        return hasFactor || state.secondFactorRequired() ? Optional.of(Problem.MFA_REQUIRED) : Optional.empty();
    }
}
