package dev.tollgate.twostep;

import dev.tollgate.config.SettingSource;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.TransactionUseStore;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The sign-in and verification use cases in the words of the tests that describe them: an outcome per call and the
 * state the session holds afterwards (an ended session holds no transaction).
 */
final class Flow {

    /** What a second factor checked against a transaction came to. */
    enum CodeOutcome {
        ACCEPTED, WRONG, TOO_MANY_ATTEMPTS, NO_TRANSACTION, EXPIRED, LOCKED
    }

    /** One check: the outcome, the state afterwards, the factor used, and the end of a lock. */
    record Verification(CodeOutcome outcome, MfaState state, Optional<Factor> factor, Instant lockedUntil) {
    }

    private final SignIn signIn;
    private final dev.tollgate.twostep.Verification verification;
    private final Enrolment enrolment;
    private final Clock clock;

    Flow(MfaPolicy policy, FactorStore store, TotpFactors totp, Clock clock, Duration ttl, int maxAttempts,
            TransactionIds ids, RecoveryCodes recovery, AccountLockStore locks, TollgateSettings.Limits limits,
            SecurityEvents events, EnrolmentChoices choices, AccountStamps stamps, TransactionUseStore uses) {
        TollgateSettings settings = TollgateSettings.read(SettingSource.of(Map.of(
                TollgateSettings.ENCRYPTION_KEYS, TwoStepFixture.KEYS,
                TollgateSettings.TRANSACTION_TTL, ttl.toString(),
                TollgateSettings.TRANSACTION_MAX_ATTEMPTS, String.valueOf(maxAttempts),
                TollgateSettings.LOCKOUT_THRESHOLD, String.valueOf(limits.lockoutThreshold()),
                TollgateSettings.LOCKOUT_DELAY, limits.lockoutDelay().toString())), "Test");
        UseCases.Services services = new UseCases.Services(settings, policy, store, totp, null, recovery, locks,
                choices, null, events, ids, stamps, clock, null, uses);
        this.signIn = new SignIn(services);
        this.verification = new dev.tollgate.twostep.Verification(services);
        this.enrolment = new Enrolment(services, this.verification);
        this.clock = clock;
    }

    MfaState afterPassword(SessionIdentity identity, Predicate<String> roles, String returnTo) {
        return signIn.afterPassword(identity, roles, returnTo, true).state();
    }

    MfaState stepUp(MfaState state, String returnTo) {
        return signIn.stepUp(state, returnTo);
    }

    boolean mayAddFactor(MfaState state) {
        return enrolment.mayAddFactor(caller(state, null)).isEmpty();
    }

    Verification verify(MfaState state, String transactionId, String code) {
        return verify(state, transactionId, Proof.authenticatorCode(code), null);
    }

    Verification verify(MfaState state, String transactionId, Proof proof, String remoteAddress) {
        return translate(state, verification.verify(caller(state, remoteAddress), transactionId, proof));
    }

    Verification reauthenticate(MfaState state, Proof proof, String remoteAddress, String purpose) {
        Outcome<Optional<Factor>> outcome = verification.freshProof(caller(state, remoteAddress), proof, purpose);
        if (outcome instanceof Outcome.Done<Optional<Factor>> done) {
            return new Verification(CodeOutcome.ACCEPTED, state, done.value(), null);
        }
        return translate(state, outcome);
    }

    private static Caller caller(MfaState state, String remoteAddress) {
        return new Caller(state, role -> false, remoteAddress);
    }

    private Verification translate(MfaState state, Outcome<?> outcome) {
        if (outcome instanceof Outcome.Done<?> done) {
            dev.tollgate.twostep.Verification.Verified verified =
                    (dev.tollgate.twostep.Verification.Verified) done.value();
            return new Verification(CodeOutcome.ACCEPTED, verified.state(), verified.factor(), null);
        }
        Outcome.Refused<?> refused = (Outcome.Refused<?>) outcome;
        SessionChange change = refused.session();
        MfaState after = change.kind() == SessionChange.Kind.END ? (state == null ? null : state.withTransaction(null))
                : change.state() != null ? change.state() : state;
        Refusal refusal = refused.refusal();
        if (refusal instanceof Refusal.WrongProof) {
            return new Verification(CodeOutcome.WRONG, after, Optional.empty(), null);
        }
        if (refusal instanceof Refusal.Locked locked) {
            return new Verification(CodeOutcome.LOCKED, after, Optional.empty(),
                    clock.instant().plus(locked.retryAfter()));
        }
        Problem problem = ((Refusal.Plain) refusal).problem();
        CodeOutcome code = problem == Problem.TOO_MANY_ATTEMPTS ? CodeOutcome.TOO_MANY_ATTEMPTS
                : change.kind() == SessionChange.Kind.END ? CodeOutcome.EXPIRED : CodeOutcome.NO_TRANSACTION;
        return new Verification(code, after, Optional.empty(), null);
    }
}
