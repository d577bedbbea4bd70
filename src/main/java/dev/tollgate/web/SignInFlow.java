package dev.tollgate.web;

import dev.tollgate.factor.TotpFactors;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.policy.MfaPolicy;
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
        EXPIRED
    }

    private final MfaPolicy policy;
    private final FactorStore store;
    private final TotpFactors totp;
    private final Clock clock;
    private final Duration transactionTtl;
    private final int maxAttempts;
    private final TransactionIds ids;

    SignInFlow(MfaPolicy policy, FactorStore store, TotpFactors totp, Clock clock, Duration transactionTtl,
            int maxAttempts, TransactionIds ids) {
        this.policy = policy;
        this.store = store;
        this.totp = totp;
        this.clock = clock;
        this.transactionTtl = transactionTtl;
        this.maxAttempts = maxAttempts;
        this.ids = ids;
    }

    /**
     * Decides what follows a correct password: nothing (aal1 is enough for this user), a challenge, or enrolment.
     * A new sign-in always replaces the session's previous state, so an old transaction cannot outlive it.
     */
    MfaState afterPassword(SessionIdentity identity, Predicate<String> isInRole, String returnTo) {
        boolean hasFactor = !store.findConfirmed(identity.username()).isEmpty();
        boolean required = policy.requiresSecondFactor(hasFactor, isInRole);
        MfaState state = new MfaState(identity, AssuranceLevel.AAL1, required, hasFactor, null);
        return required ? state.withTransaction(newTransaction(hasFactor, returnTo)) : state;
    }

    /** Opens a transaction for a step-up: a user at aal1 asking for a path that needs aal2. */
    MfaState stepUp(MfaState state, String returnTo) {
        LoginTransaction current = state.transaction();
        if (current != null && !current.expiredAt(clock.instant())) {
            return state;
        }
        boolean hasFactor = !store.findConfirmed(state.identity().username()).isEmpty();
        return new MfaState(state.identity(), state.aal(), state.secondFactorRequired(), hasFactor,
                newTransaction(hasFactor, returnTo));
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

    /** The result of {@link #verify}: the outcome, the state to store (null to remove it) and the factor used. */
    record Verification(CodeOutcome outcome, MfaState state, Optional<Factor> factor) {
    }

    /**
     * Checks a code for the session's transaction. The caller holds the session's lock and stores the returned
     * state.
     */
    Verification verify(MfaState state, String transactionId, String code) {
        CodeOutcome problem = check(state, transactionId);
        if (problem == CodeOutcome.EXPIRED) {
            return new Verification(problem, state.withTransaction(null), Optional.empty());
        }
        if (problem != null) {
            return new Verification(problem, state, Optional.empty());
        }
        Optional<Factor> used = totp.verify(state.identity().username(), code);
        if (used.isPresent()) {
            return new Verification(CodeOutcome.ACCEPTED, state.atAal2(), used);
        }
        LoginTransaction failed = state.transaction().withFailedAttempt();
        if (failed.failedAttempts() >= maxAttempts) {
            return new Verification(CodeOutcome.TOO_MANY_ATTEMPTS, state.withTransaction(null), Optional.empty());
        }
        return new Verification(CodeOutcome.WRONG, state.withTransaction(failed), Optional.empty());
    }

    List<Factor> confirmedFactors(String username) {
        return store.findConfirmed(username);
    }

    Instant now() {
        return clock.instant();
    }
}
