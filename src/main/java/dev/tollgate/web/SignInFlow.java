package dev.tollgate.web;

import dev.tollgate.config.TollgateSettings;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.factor.WebAuthnCeremony;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The steps of a sign-in that do not depend on how the password was checked: deciding after the password whether a
 * second factor is due, opening the login transaction, and checking a code against it.
 */
final class SignInFlow {

    /** The result of a code checked against a transaction. */
    enum CodeOutcome {
        /** The code was right: the session is now at aal2. */
        ACCEPTED,
        /** The code was wrong; attempts remain. */
        WRONG,
        /** The code was wrong and it was the last attempt: the transaction is gone. */
        TOO_MANY_ATTEMPTS,
        /** No transaction, another session's, or an expired one. */
        NO_TRANSACTION,
        /** The transaction expired. */
        EXPIRED,
        /** Too many consecutive failures on this account: its second factor is locked for a while. */
        LOCKED
    }

    /** What the user gives as the second factor. */
    sealed interface Proof permits TotpCode, RecoveryCodeProof, SecurityKeyProof {
    }

    /**
     * A security key's assertion, with the ceremony it answers (taken out of the session, so used once) and the
     * relying party it must be for.
     */
    record SecurityKeyProof(String responseJson, WebAuthnCeremony ceremony, WebAuthnFactors.RelyingParty relyingParty)
            implements Proof {
        @Override
        public String toString() {
            return "SecurityKeyProof[redacted]";
        }
    }

    /** A code from an authenticator app. */
    record TotpCode(String code) implements Proof {
        @Override
        public String toString() {
            return "TotpCode[redacted]";
        }
    }

    /** One of the user's recovery codes. */
    record RecoveryCodeProof(String code) implements Proof {
        @Override
        public String toString() {
            return "RecoveryCodeProof[redacted]";
        }
    }

    /** The longest lock: doubling stops here, so a forgotten account is usable again within the hour. */
    static final Duration MAX_LOCK = Duration.ofHours(1);

    private final MfaPolicy policy;
    private final FactorStore store;
    private final TotpFactors totp;
    private final Clock clock;
    private final Duration transactionTtl;
    private final int maxAttempts;
    private final TransactionIds ids;
    private final RecoveryCodes recovery;
    private final AccountLockStore locks;
    private final TollgateSettings.Limits limits;
    private final SecurityEvents events;
    private final EnrolmentChoices choices;
    private final WebAuthnFactors webauthn;

    SignInFlow(MfaPolicy policy, FactorStore store, TotpFactors totp, Clock clock, Duration transactionTtl,
            int maxAttempts, TransactionIds ids, RecoveryCodes recovery, AccountLockStore locks,
            TollgateSettings.Limits limits, SecurityEvents events, EnrolmentChoices choices) {
        this(policy, store, totp, clock, transactionTtl, maxAttempts, ids, recovery, locks, limits, events, choices,
                null);
    }

    SignInFlow(MfaPolicy policy, FactorStore store, TotpFactors totp, Clock clock, Duration transactionTtl,
            int maxAttempts, TransactionIds ids, RecoveryCodes recovery, AccountLockStore locks,
            TollgateSettings.Limits limits, SecurityEvents events, EnrolmentChoices choices,
            WebAuthnFactors webauthn) {
        this.webauthn = webauthn;
        this.policy = policy;
        this.store = store;
        this.totp = totp;
        this.clock = clock;
        this.transactionTtl = transactionTtl;
        this.maxAttempts = maxAttempts;
        this.ids = ids;
        this.recovery = recovery;
        this.locks = locks;
        this.limits = limits;
        this.events = events;
        this.choices = choices;
    }

    /**
     * Decides what follows a correct password: a challenge (the user has a factor), enrolment (the policy requires a
     * factor and no grace period is left), or aal1 with the enrolment choices to offer (policy {@code optional}
     * and not opted out, or a grace period that lets this sign-in through; it is counted here). A new sign-in
     * always replaces the session's previous state, so an old transaction cannot outlive it.
     */
    MfaState afterPassword(SessionIdentity identity, Predicate<String> isInRole, String returnTo) {
        String username = identity.username();
        boolean hasFactor = !store.findConfirmed(username).isEmpty();
        if (hasFactor || policy.mustEnrol(isInRole) && choices.graceSignIn(username).isEmpty()) {
            return new MfaState(identity, AssuranceLevel.AAL1, true, hasFactor,
                    newTransaction(hasFactor, returnTo));
        }
        EnrolmentOffer offer = policy.mustEnrol(isInRole) ? EnrolmentOffer.GRACE
                : choices.optedOut(username) ? EnrolmentOffer.NONE : EnrolmentOffer.SUGGESTED;
        return new MfaState(identity, AssuranceLevel.AAL1, false, false, null, offer);
    }

    /** Opens a transaction for a step-up: a user at aal1 asking for a path that needs aal2. */
    MfaState stepUp(MfaState state, String returnTo) {
        LoginTransaction current = state.transaction();
        if (current != null && !current.expiredAt(clock.instant())) {
            return state;
        }
        boolean hasFactor = !store.findConfirmed(state.identity().username()).isEmpty();
        return new MfaState(state.identity(), state.aal(), state.secondFactorRequired(), hasFactor,
                newTransaction(hasFactor, returnTo), state.offer());
    }

    LoginTransaction newTransaction(boolean hasFactor, String returnTo) {
        Instant now = clock.instant();
        return new LoginTransaction(ids.next(),
                hasFactor ? LoginTransaction.Purpose.CHALLENGE : LoginTransaction.Purpose.ENROL,
                now, now.plus(transactionTtl), 0, returnTo);
    }

    /** Checks that a transaction id names this session's live transaction. */
    CodeOutcome check(MfaState state, String transactionId) {
        LoginTransaction transaction = state == null ? null : state.transaction();
        if (transaction == null || !TransactionIds.same(transaction.id(), transactionId)) {
            return CodeOutcome.NO_TRANSACTION;
        }
        if (transaction.expiredAt(clock.instant())) {
            return CodeOutcome.EXPIRED;
        }
        return null;
    }

    /**
     * The result of {@link #verify}: the outcome, the state to store, the factor used (empty for a recovery code) and,
     * for {@link CodeOutcome#LOCKED}, the end of the lock.
     */
    record Verification(CodeOutcome outcome, MfaState state, Optional<Factor> factor, Instant lockedUntil) {

        Verification(CodeOutcome outcome, MfaState state, Optional<Factor> factor) {
            this(outcome, state, factor, null);
        }
    }

    /** Checks an authenticator-app code; see {@link #verify(MfaState, String, Proof, String)}. */
    Verification verify(MfaState state, String transactionId, String code) {
        return verify(state, transactionId, new TotpCode(code), null);
    }

    /**
     * Checks a second factor for the session's transaction. The caller holds the session's lock and stores the
     * returned state. A malformed code throws before anything is counted: it proves nothing either way.
     *
     * @param remoteAddress the client's address, for the security events
     */
    Verification verify(MfaState state, String transactionId, Proof proof, String remoteAddress) {
        CodeOutcome problem = check(state, transactionId);
        if (problem == CodeOutcome.EXPIRED) {
            publish(SecurityEventType.SIGN_IN_ABANDONED, state, remoteAddress, null, "transaction expired");
            return new Verification(problem, state.withTransaction(null), Optional.empty());
        }
        if (problem != null) {
            return new Verification(problem, state, Optional.empty());
        }
        String username = state.identity().username();
        Instant now = clock.instant();
        Optional<Instant> locked = locks.lockedUntil(username, now);
        if (locked.isPresent()) {
            return new Verification(CodeOutcome.LOCKED, state.withTransaction(null), Optional.empty(), locked.get());
        }
        Spent spent = spend(state, proof, remoteAddress, null);
        if (spent.accepted()) {
            return new Verification(CodeOutcome.ACCEPTED, state.atAal2(), spent.factor());
        }
        Optional<Instant> lockedNow = countFailure(state, remoteAddress, now);
        if (lockedNow.isPresent()) {
            return new Verification(CodeOutcome.LOCKED, state.withTransaction(null), Optional.empty(),
                    lockedNow.get());
        }
        LoginTransaction failed = state.transaction().withFailedAttempt();
        if (failed.failedAttempts() >= maxAttempts) {
            publish(SecurityEventType.SIGN_IN_ABANDONED, state, remoteAddress, null, "too many attempts");
            return new Verification(CodeOutcome.TOO_MANY_ATTEMPTS, state.withTransaction(null), Optional.empty());
        }
        return new Verification(CodeOutcome.WRONG, state.withTransaction(failed), Optional.empty());
    }

    /**
     * Checks a second factor given again by a session that is already at aal2, for a step that needs a fresh one
     * (removing a factor). It counts towards the account lock like a sign-in, so it cannot be used to guess codes,
     * and the code or recovery code it accepts is spent.
     *
     * @param state         the session's state, at aal2
     * @param proof         the code or recovery code given with the step
     * @param remoteAddress the client's address, for the security events
     * @param purpose       what the proof is for, for the security events
     * @return {@link CodeOutcome#ACCEPTED}, {@link CodeOutcome#WRONG} or {@link CodeOutcome#LOCKED} (with the end
     *         of the lock); the state is returned unchanged
     * @throws dev.tollgate.InvalidRequestException if the code is malformed
     */
    Verification reauthenticate(MfaState state, Proof proof, String remoteAddress, String purpose) {
        Instant now = clock.instant();
        Optional<Instant> locked = locks.lockedUntil(state.identity().username(), now);
        if (locked.isPresent()) {
            return new Verification(CodeOutcome.LOCKED, state, Optional.empty(), locked.get());
        }
        Spent spent = spend(state, proof, remoteAddress, purpose);
        if (spent.accepted()) {
            return new Verification(CodeOutcome.ACCEPTED, state, spent.factor());
        }
        Optional<Instant> lockedNow = countFailure(state, remoteAddress, now);
        return lockedNow.map(until -> new Verification(CodeOutcome.LOCKED, state, Optional.empty(), until))
                .orElseGet(() -> new Verification(CodeOutcome.WRONG, state, Optional.empty()));
    }

    /**
     * Explains a wrong authenticator code that matches the user's app at a clock far off, so the user can be told to
     * fix the phone's time. Recovery codes have no clock.
     */
    Optional<Duration> clockOffset(MfaState state, Proof proof) {
        if (state == null || !(proof instanceof TotpCode code)) {
            return Optional.empty();
        }
        return totp.clockOffset(state.identity().username(), code.code());
    }

    /** Describes a clock offset for people: "about 4 minutes ahead". */
    static String describe(Duration offset) {
        long minutes = Math.max(1, Math.round(Math.abs(offset.toSeconds()) / 60.0));
        return "about " + minutes + (minutes == 1 ? " minute " : " minutes ") + (offset.isNegative() ? "behind" : "ahead");
    }

    /** Whether a proof was accepted, and the factor that accepted a code. */
    private record Spent(boolean accepted, Optional<Factor> factor) {
    }

    /** Spends a code, recovery code or security-key assertion if it is right; publishes the success or the failure. */
    private Spent spend(MfaState state, Proof proof, String remoteAddress, String purpose) {
        String username = state.identity().username();
        Optional<Factor> used = Optional.empty();
        boolean accepted;
        String kind;
        if (proof instanceof RecoveryCodeProof recoveryCode) {
            accepted = recovery.use(username, recoveryCode.code());
            kind = "recovery code";
        } else if (proof instanceof SecurityKeyProof key) {
            used = checkSecurityKey(state, key, remoteAddress);
            accepted = used.isPresent();
            kind = "security key";
        } else {
            used = totp.verify(username, ((TotpCode) proof).code());
            accepted = used.isPresent();
            kind = "authenticator code";
        }
        if (accepted) {
            locks.recordSuccess(username);
            publish(proof instanceof RecoveryCodeProof ? SecurityEventType.RECOVERY_CODE_USED
                    : SecurityEventType.SECOND_FACTOR_VERIFIED, state, remoteAddress,
                    used.map(Factor::id).orElse(null), purpose);
        } else {
            publish(SecurityEventType.SECOND_FACTOR_FAILED, state, remoteAddress, null,
                    purpose == null ? kind : kind + " " + purpose);
        }
        return new Spent(accepted, used);
    }

    /** Checks an assertion; a counter that went backwards is refused and reported as a possible clone. */
    private Optional<Factor> checkSecurityKey(MfaState state, SecurityKeyProof key, String remoteAddress) {
        if (webauthn == null) {
            return Optional.empty();
        }
        WebAuthnFactors.Outcome outcome = webauthn.verify(state.identity().username(), key.ceremony(),
                key.responseJson(), key.relyingParty());
        if (outcome instanceof WebAuthnFactors.Accepted accepted) {
            return Optional.of(accepted.factor());
        }
        if (outcome instanceof WebAuthnFactors.Cloned cloned) {
            publish(SecurityEventType.POSSIBLE_CLONED_KEY, state, remoteAddress, cloned.factor().id(),
                    "signature counter " + cloned.asserted() + " after " + cloned.stored());
        }
        return Optional.empty();
    }

    /** Counts a failure towards the account lock; returns the end of the lock it caused, if it caused one. */
    private Optional<Instant> countFailure(MfaState state, String remoteAddress, Instant now) {
        Optional<Instant> lockedNow = locks.recordFailure(state.identity().username(), now,
                limits.lockoutThreshold(), limits.lockoutDelay(), MAX_LOCK);
        lockedNow.ifPresent(until -> publish(SecurityEventType.LOCKED_OUT, state, remoteAddress, null,
                "until " + until));
        return lockedNow;
    }

    EnrolmentChoices choices() {
        return choices;
    }

    void publish(SecurityEventType type, MfaState state, String remoteAddress, String factorId, String detail) {
        events.publish(new SecurityEvent(type, state.identity().username(), clock.instant(), remoteAddress,
                factorId, detail));
    }

    void publish(SecurityEventType type, String username, String remoteAddress, String factorId, String detail) {
        events.publish(new SecurityEvent(type, username, clock.instant(), remoteAddress, factorId, detail));
    }

    /**
     * The method a sign-in offers first to a user with several: the type of the factor used last; a security key
     * when none was used yet, since it cannot be phished.
     */
    static dev.tollgate.store.FactorType defaultMethod(List<Factor> factors) {
        return factors.stream().filter(f -> f.lastUsedAt() != null)
                .max(java.util.Comparator.comparing(Factor::lastUsedAt)).map(Factor::type)
                .orElse(factors.stream().anyMatch(f -> f.type() == dev.tollgate.store.FactorType.WEBAUTHN)
                        ? dev.tollgate.store.FactorType.WEBAUTHN : dev.tollgate.store.FactorType.TOTP);
    }

    List<Factor> confirmedFactors(String username) {
        return store.findConfirmed(username);
    }

    Instant now() {
        return clock.instant();
    }
}
