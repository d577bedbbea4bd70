package dev.tollgate.twostep;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.AssertionCeremony;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.Factor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a second factor: for the session's login transaction (the second step of a sign-in), or as a fresh proof
 * that a session already at aal2 gives again for a step that needs one. Every check is reserved on the account lock
 * before it is evaluated, so that no more than the lock's threshold are evaluated however many sessions and servers
 * guess at once, and spends what it accepts: a code's time step, a recovery code, a security key's counter. The
 * transaction's own attempts and the single use of a security key's challenge are counted in the database too, not
 * in the session: a session replicated to several servers has a copy on each, and each copy would have its own.
 *
 * <pre>{@code
 * Outcome<Verification.Verified> outcome =
 *         verification.verify(caller, transactionId, Proof.authenticatorCode("123456"));
 * }</pre>
 */
public final class Verification {

    /** The longest lock: doubling stops here, so a forgotten account is usable again within the hour. */
    static final Duration MAX_LOCK = Duration.ofHours(1);

    private final UseCases.Services services;

    Verification(UseCases.Services services) {
        this.services = services;
    }

    /**
     * A second factor accepted for a sign-in.
     *
     * @param state                  the session's state at aal2, to store under a new session id
     * @param kind                   what was given
     * @param factor                 the factor that accepted it; empty for a recovery code
     * @param recoveryCodesRemaining for a recovery code, how many are left; otherwise -1
     * @param returnTo               the context-relative path the sign-in asked to go back to, or null
     */
    public record Verified(MfaState state, Proof.Kind kind, Optional<Factor> factor, long recoveryCodesRemaining,
            String returnTo) {
    }

    /**
     * Checks a second factor for the session's transaction. A malformed code throws before anything is counted: it
     * proves nothing either way. A security key's answer is checked against the ceremony pending in the session,
     * which this call takes out whatever comes of it, so a challenge is used once.
     *
     * @param caller        the session
     * @param transactionId the transaction the client answers
     * @param proof         the code, recovery code or assertion
     * @return verified at aal2 (new session id); or refused: the transaction is unknown or expired, the proof was
     *         wrong (attempts left), the attempts are used up, or the account is locked (the session ends)
     * @throws dev.tollgate.InvalidRequestException if a code is malformed
     */
    public Outcome<Verified> verify(Caller caller, String transactionId, Proof proof) {
        MfaState state = caller.state();
        if (proof instanceof Proof.SecurityKey && services.webauthn() == null) {
            // refused before the sign-in counts it: the server, not the user, is at fault
            return Outcome.refused(Problem.SECURITY_KEYS_UNAVAILABLE);
        }
        LoginTransaction transaction = state == null ? null : state.transaction();
        if (transaction == null || !TransactionIds.same(transaction.id(), transactionId)
                || transaction.purpose() != LoginTransaction.Purpose.CHALLENGE) {
            return Outcome.refused(new Refusal.Plain(Problem.TRANSACTION_EXPIRED),
                    state == null || state.ceremony() == null ? SessionChange.KEEP
                            : SessionChange.store(state.withCeremony(null)));
        }
        if (transaction.expiredAt(services.clock().instant())) {
            services.audit().publish(SecurityEventType.SIGN_IN_ABANDONED, caller, null, "transaction expired");
            return Outcome.refused(new Refusal.Plain(Problem.TRANSACTION_EXPIRED), SessionChange.END);
        }
        int maxAttempts = services.settings().transactionMaxAttempts();
        TransactionLimits limits = services.limits();
        OptionalInt attemptNumber = limits.reserveAttempt(transaction, maxAttempts);
        if (attemptNumber.isEmpty()) {
            // this copy of the session may show attempts left, but the transaction's were spent through another
            return tooManyAttempts(caller);
        }
        AccountLockStore.Reservation reservation = reserve(caller);
        if (reservation instanceof AccountLockStore.Refused refused) {
            return Outcome.refused(locked(refused.until()), SessionChange.END);
        }
        AccountLockStore.Granted attempt = (AccountLockStore.Granted) reservation;
        AssertionCeremony ceremony = state.ceremony() instanceof AssertionCeremony pending
                && TransactionIds.same(transactionId, pending.transactionId()) ? pending : null;
        MfaState current = state.withCeremony(null);
        Optional<Optional<Factor>> spent;
        try {
            spent = spend(caller, proof, onceOnly(proof, ceremony), null, attempt);
        } catch (InvalidRequestException malformed) {
            limits.giveBack(transaction);
            throw malformed;
        }
        if (spent.isPresent()) {
            long left = proof.kind() == Proof.Kind.RECOVERY_CODE
                    ? services.recovery().remaining(caller.username()) : -1;
            MfaState verified = current.atAal2(services.clock().instant());
            return Outcome.done(new Verified(verified, proof.kind(), spent.get(), left, transaction.returnTo()),
                    SessionChange.newId(verified));
        }
        if (attempt.locksIfWrong().isPresent()) {
            return Outcome.refused(lockedBy(caller, attempt.locksIfWrong().get()), SessionChange.END);
        }
        LoginTransaction failed = transaction.withFailedAttempts(attemptNumber.getAsInt());
        if (failed.failedAttempts() >= maxAttempts) {
            return tooManyAttempts(caller);
        }
        return Outcome.refused(new Refusal.WrongProof(proof.kind(), maxAttempts - failed.failedAttempts(),
                clockOffset(caller, proof)), SessionChange.store(current.withTransaction(failed)));
    }

    /**
     * Checks a fresh proof given by a session already at aal2 for a step that needs one (removing a factor). It
     * counts towards the account lock like a sign-in, so it cannot be used to guess codes, and what it accepts is
     * spent.
     *
     * @param caller  the session, at aal2
     * @param proof   the code or recovery code given with the step
     * @param purpose what the proof is for, for the security events
     * @return the factor that accepted it (empty for a recovery code); or refused: wrong, or the account is locked
     *         (the session ends)
     * @throws dev.tollgate.InvalidRequestException if a code is malformed
     */
    Outcome<Optional<Factor>> freshProof(Caller caller, Proof proof, String purpose) {
        AccountLockStore.Reservation reservation = reserve(caller);
        if (reservation instanceof AccountLockStore.Refused refused) {
            return Outcome.refused(locked(refused.until()), SessionChange.END);
        }
        AccountLockStore.Granted attempt = (AccountLockStore.Granted) reservation;
        AssertionCeremony ceremony = caller.state().ceremony() instanceof AssertionCeremony pending ? pending : null;
        Optional<Optional<Factor>> spent = spend(caller, proof, onceOnly(proof, ceremony), purpose, attempt);
        if (spent.isPresent()) {
            return Outcome.done(spent.get());
        }
        if (attempt.locksIfWrong().isPresent()) {
            return Outcome.refused(lockedBy(caller, attempt.locksIfWrong().get()), SessionChange.END);
        }
        return Outcome.refused(new Refusal.WrongProof(proof.kind(), -1, Optional.empty()), SessionChange.KEEP);
    }

    /**
     * Proves a factor again from a session at aal2, so that the steps that need a recent proof (adding a factor, new
     * recovery codes) may follow within {@code tollgate.freshProof.maxAge}. Counted and spent like any proof.
     *
     * @param caller the session, at aal2
     * @param proof  a current code, a recovery code, or a security key's answer to the pending challenge
     * @return the state with the proof's time; or refused: not at aal2, wrong, or the account is locked (the session
     *         ends)
     * @throws dev.tollgate.InvalidRequestException if a code is malformed
     */
    public Outcome<MfaState> reprove(Caller caller, Proof proof) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        if (caller.state().aal() != AssuranceLevel.AAL2) {
            return Outcome.refused(Problem.MFA_REQUIRED);
        }
        Outcome<Optional<Factor>> fresh = freshProof(caller, proof, "to confirm it is the user");
        if (fresh instanceof Outcome.Refused<Optional<Factor>>) {
            return fresh.asRefusal();
        }
        MfaState proved = caller.state().withCeremony(null).provedAt(services.clock().instant());
        return Outcome.done(proved, SessionChange.store(proved));
    }

    /**
     * Lets a step that changes how the account is protected go on if the session proved a factor recently, or proves
     * one now with the proof given with the step. A user without a factor has nothing to prove.
     *
     * @param caller  the session, at aal2 when the user has a factor
     * @param proof   the proof given with the call, if any
     * @param purpose what the proof is for, for the security events
     * @return the caller to go on with (its state carries a proof given now); or refused: a proof is needed, or the
     *         one given was wrong
     */
    Outcome<Caller> recentProof(Caller caller, Optional<Proof> proof, String purpose) {
        Instant now = services.clock().instant();
        Instant provedAt = caller.state().verifiedAt();
        if (proof.isEmpty()) {
            boolean recent = provedAt != null
                    && now.isBefore(provedAt.plus(services.settings().freshness().proofMaxAge()));
            boolean none = services.factorStore().findConfirmed(caller.username()).isEmpty();
            return recent || none ? Outcome.done(caller) : Outcome.refused(Problem.CODE_REQUIRED);
        }
        Outcome<Optional<Factor>> fresh = freshProof(caller, proof.get(), purpose);
        if (fresh instanceof Outcome.Refused<Optional<Factor>>) {
            return fresh.asRefusal();
        }
        return Outcome.done(new Caller(caller.state().withCeremony(null).provedAt(now), caller.containerRoles(),
                caller.remoteAddress()));
    }

    /**
     * Starts the second step of a sign-in with a security key: a fresh challenge for the session's transaction,
     * kept in the session's state until the answer comes.
     *
     * @param caller        the session
     * @param transactionId the transaction
     * @return the ceremony, with the state that holds it; or refused: no such transaction, no security key, or
     *         security keys unavailable
     */
    public Outcome<AssertionCeremony> startSecurityKey(Caller caller, String transactionId) {
        if (services.webauthn() == null) {
            return Outcome.refused(Problem.SECURITY_KEYS_UNAVAILABLE);
        }
        MfaState state = caller.state();
        LoginTransaction transaction = state == null ? null : state.transaction();
        if (transaction == null || !TransactionIds.same(transaction.id(), transactionId)
                || transaction.expiredAt(services.clock().instant())
                || transaction.purpose() != LoginTransaction.Purpose.CHALLENGE) {
            return Outcome.refused(Problem.TRANSACTION_EXPIRED);
        }
        return services.webauthn().startAuthentication(caller.username(), transaction.id())
                .map(ceremony -> Outcome.done(ceremony, SessionChange.store(state.withCeremony(ceremony))))
                .orElseGet(() -> Outcome.refused(Problem.NO_SECURITY_KEY));
    }

    /**
     * Spends a proof if it is right, and publishes the success or the failure. The attempt was reserved: a malformed
     * proof gives it back, as it proved nothing.
     *
     * @return empty if refused; otherwise the factor that accepted it (itself empty for a recovery code)
     */
    private Optional<Optional<Factor>> spend(Caller caller, Proof proof, AssertionCeremony ceremony,
            String purpose, AccountLockStore.Granted attempt) {
        String username = caller.username();
        Optional<Factor> used = Optional.empty();
        boolean accepted;
        try {
            if (proof instanceof Proof.SecurityKey key) {
                used = checkSecurityKey(caller, key, ceremony);
                accepted = used.isPresent();
            } else if (proof.kind() == Proof.Kind.RECOVERY_CODE) {
                accepted = services.recovery().use(username, ((Proof.Code) proof).value());
            } else {
                used = services.totp().verify(username, ((Proof.Code) proof).value());
                accepted = used.isPresent();
            }
        } catch (InvalidRequestException malformed) {
            services.locks().release(attempt, services.settings().limits().lockoutThreshold());
            throw malformed;
        }
        if (!accepted) {
            services.audit().publish(SecurityEventType.SECOND_FACTOR_FAILED, caller, null,
                    purpose == null ? proof.kind().description() : proof.kind().description() + " " + purpose);
            return Optional.empty();
        }
        services.locks().recordSuccess(username);
        services.audit().publish(proof.kind() == Proof.Kind.RECOVERY_CODE ? SecurityEventType.RECOVERY_CODE_USED
                : SecurityEventType.SECOND_FACTOR_VERIFIED, caller, used.map(Factor::id).orElse(null), purpose);
        return Optional.of(used);
    }

    /** The pending challenge a key's answer is checked against, unless it was answered before (on any server). */
    private AssertionCeremony onceOnly(Proof proof, AssertionCeremony ceremony) {
        return proof instanceof Proof.SecurityKey && ceremony != null && !services.limits().firstAnswer(ceremony)
                ? null : ceremony;
    }

    /** The transaction's attempts are spent: the sign-in ends. */
    private Outcome<Verified> tooManyAttempts(Caller caller) {
        services.audit().publish(SecurityEventType.SIGN_IN_ABANDONED, caller, null, "too many attempts");
        return Outcome.refused(new Refusal.Plain(Problem.TOO_MANY_ATTEMPTS), SessionChange.END);
    }

    /** Checks an assertion; a counter that went backwards is refused and reported as a possible clone. */
    private Optional<Factor> checkSecurityKey(Caller caller, Proof.SecurityKey key, AssertionCeremony ceremony) {
        WebAuthnFactors.Outcome outcome = services.webauthn().verify(caller.username(), ceremony, key.responseJson(),
                key.relyingParty());
        if (outcome instanceof WebAuthnFactors.Accepted accepted) {
            return Optional.of(accepted.factor());
        }
        if (outcome instanceof WebAuthnFactors.Cloned cloned) {
            services.audit().publish(SecurityEventType.POSSIBLE_CLONED_KEY, caller, cloned.factor().id(),
                    "signature counter " + cloned.asserted() + " after " + cloned.stored());
        }
        return Optional.empty();
    }

    /**
     * Reserves the attempt on the account lock before the proof is evaluated, so that concurrent guesses from many
     * sessions or servers cannot all be evaluated before the lock: at most the threshold of them are, per lock window.
     */
    private AccountLockStore.Reservation reserve(Caller caller) {
        return services.locks().reserve(caller.username(), services.clock().instant(),
                services.settings().limits().lockoutThreshold(), services.settings().limits().lockoutDelay(), MAX_LOCK);
    }

    /** The answer to the wrong proof whose reservation was the last before the lock: the lock holds, and is told. */
    private Refusal lockedBy(Caller caller, Instant until) {
        services.audit().publish(SecurityEventType.LOCKED_OUT, caller, null, "until " + until);
        return locked(until);
    }

    /**
     * Explains a wrong authenticator code that matches the user's app at a clock far off, so the user can be told to
     * fix the phone's time. Recovery codes and keys have no clock.
     */
    private Optional<Duration> clockOffset(Caller caller, Proof proof) {
        return proof.kind() == Proof.Kind.AUTHENTICATOR_CODE
                ? services.totp().clockOffset(caller.username(), ((Proof.Code) proof).value()) : Optional.empty();
    }

    private Refusal locked(Instant until) {
        return new Refusal.Locked(Duration.ofSeconds(Math.max(1,
                Duration.between(services.clock().instant(), until).toSeconds())));
    }
}
