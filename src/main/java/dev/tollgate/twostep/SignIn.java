package dev.tollgate.twostep;

import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
import dev.tollgate.store.AccountStampStore.Stamp;
import dev.tollgate.store.FactorType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The steps of a sign-in that do not depend on how the password was checked: deciding after the password whether a
 * second factor is due, opening the login transaction, and opening one again when a session at aal1 asks for a path
 * that needs aal2 (a step-up).
 *
 * <pre>{@code
 * SignIn.Started started = signIn.afterPassword(identity, request::isUserInRole, "/reports", true);
 * // store started.state() under a new session id; then a challenge, enrolment, or the application
 * }</pre>
 */
public final class SignIn {

    private final UseCases.Services services;

    SignIn(UseCases.Services services) {
        this.services = services;
    }

    /**
     * What follows a correct password.
     *
     * @param state   the session's new state, to store under a new session id
     * @param methods the user's factors and the one to offer first, when a challenge follows; otherwise none
     * @param offer   the enrolment choices to offer the user now (also when the stored state keeps none, because
     *                the client learns of them from this answer)
     * @param grace   what is left of the grace period, for {@link EnrolmentOffer#GRACE}
     */
    public record Started(MfaState state, Methods methods, EnrolmentOffer offer,
            Optional<EnrolmentChoices.Grace> grace) {
    }

    /**
     * The user's confirmed factors, and the method a sign-in offers first to a user with several.
     *
     * @param factors       the confirmed factors, oldest first
     * @param defaultMethod the type of the factor used last; a security key when none was used yet, since it cannot
     *                      be phished
     */
    public record Methods(List<Factor> factors, FactorType defaultMethod) {

        /** Copies the list. */
        public Methods {
            factors = List.copyOf(factors);
        }

        /** Picks the method to offer first. */
        static Methods of(List<Factor> factors) {
            FactorType first = factors.stream().filter(f -> f.lastUsedAt() != null)
                    .max(Comparator.comparing(Factor::lastUsedAt)).map(Factor::type)
                    .orElse(factors.stream().anyMatch(f -> f.type() == FactorType.WEBAUTHN)
                            ? FactorType.WEBAUTHN : FactorType.TOTP);
            return new Methods(factors, first);
        }

        /**
         * Tells whether the user has a factor of a type.
         *
         * @param type the type
         * @return true if one of the factors is of it
         */
        public boolean has(FactorType type) {
            return factors.stream().anyMatch(f -> f.type() == type);
        }
    }

    /**
     * Decides what follows a correct password: a challenge (the user has a factor), enrolment (the policy requires a
     * factor and no grace period is left), or aal1 with the enrolment choices to offer (policy {@code optional}
     * and not opted out, or a grace period that lets this sign-in through; it is counted here). A new sign-in
     * always replaces the session's previous state, so an old transaction cannot outlive it.
     *
     * @param identity       the caller who passed the first factor
     * @param roles          the caller's role check
     * @param returnTo       the context-relative path to go back to afterwards, or null
     * @param offerInSession whether the session keeps the enrolment offer to show as a page (browsers), rather than
     *                       the client learning of it from the answer alone (JSON clients)
     * @return the new state and what the client needs to go on
     */
    public Started afterPassword(SessionIdentity identity, Predicate<String> roles, String returnTo,
            boolean offerInSession) {
        String username = identity.username();
        // read before the factors: a change between the two is then seen as newer than this state, never lost
        Stamp stamp = services.stamps().fresh(username);
        List<Factor> confirmed = services.factorStore().findConfirmed(username);
        boolean hasFactor = !confirmed.isEmpty();
        boolean mustEnrol = services.policy().mustEnrol(roles);
        if (hasFactor || mustEnrol && services.choices().graceSignIn(username).isEmpty()) {
            MfaState state = MfaState.afterPassword(identity, AssuranceLevel.AAL1, true, hasFactor,
                    newTransaction(hasFactor, returnTo), EnrolmentOffer.NONE).withStamp(stamp);
            return new Started(state, hasFactor ? Methods.of(confirmed) : null, EnrolmentOffer.NONE,
                    Optional.empty());
        }
        EnrolmentOffer offer = mustEnrol ? EnrolmentOffer.GRACE
                : services.choices().optedOut(username) ? EnrolmentOffer.NONE : EnrolmentOffer.SUGGESTED;
        MfaState state = MfaState.afterPassword(identity, AssuranceLevel.AAL1, false, false, null,
                offerInSession ? offer : EnrolmentOffer.NONE).withStamp(stamp);
        return new Started(state, null, offer,
                offer == EnrolmentOffer.GRACE ? services.choices().graceLeft(username) : Optional.empty());
    }

    /**
     * Opens a transaction for a step-up: a session below the level a path needs. A live transaction stays.
     *
     * @param state    the session's state
     * @param returnTo the context-relative path to go back to afterwards, or null
     * @return the state with a live transaction (the same instance if it had one)
     */
    public MfaState stepUp(MfaState state, String returnTo) {
        LoginTransaction current = state.transaction();
        if (current != null && !current.expiredAt(services.clock().instant())) {
            return state;
        }
        boolean hasFactor = !services.factorStore().findConfirmed(state.identity().username()).isEmpty();
        return new MfaState(state.identity(), state.aal(), state.secondFactorRequired(), hasFactor,
                newTransaction(hasFactor, returnTo), state.offer(), state.ceremony(), state.enrolment(),
                state.verifiedAt(), state.stamp());
    }

    /**
     * Tells whether a session may reach a path of the application at its level: a step-up path needs a second
     * factor proved at most {@code tollgate.stepUp.maxAge} ago; any other path needs aal2 from a user who must give
     * a second factor, and aal1 from anyone else.
     *
     * @param state      the session's state
     * @param stepUpPath whether the path is a step-up path
     * @return true if the session may go on; otherwise it gives a second factor first
     */
    public boolean admits(MfaState state, boolean stepUpPath) {
        if (!stepUpPath) {
            return state.containerLoginAllowed();
        }
        Instant provedAt = state.verifiedAt();
        return state.aal() == AssuranceLevel.AAL2 && provedAt != null
                && services.clock().instant().isBefore(provedAt.plus(services.settings().freshness().stepUpMaxAge()));
    }

    /**
     * Follows a change to the user's factors made since the session decided its level, by this session's user on
     * another device, on another server, or by an administrator. A session at aal2 keeps it when a factor was only
     * added, and drops to what a new password sign-in would give (aal1, and a challenge if a factor is left) when one
     * was removed or the account reset. A session below aal2 is decided again unless it was already held for a
     * second factor and only a factor was added: a user who now has a factor gives it before going on, and an
     * enrolment the account no longer needs stops.
     *
     * <p>This check runs on every request: a look-up in memory, nothing allocated.
     *
     * @param state the session's state
     * @return true if the account's stamp differs from the session's (then {@link #followAccount} decides)
     */
    public boolean accountChanged(MfaState state) {
        return services.stamps().current(state.identity().username()).changes() != state.stamp().changes();
    }

    /**
     * Decides again, as described for {@link #accountChanged}, a session whose account changed.
     *
     * @param state    the session's state
     * @param roles    the caller's role check
     * @param returnTo the context-relative path to go back to after a challenge, or null
     * @return KEEP if the account did not change; STORE to remember the newer stamp; NEW_ID with the state decided
     *         again
     */
    public SessionChange followAccount(MfaState state, Predicate<String> roles, String returnTo) {
        String username = state.identity().username();
        Stamp seen = state.stamp();
        Stamp now = services.stamps().current(username);
        if (now.changes() < seen.changes()) {
            // the session was decided on another server that read the stamp after this one did
            now = services.stamps().fresh(username);
        }
        if (now.changes() <= seen.changes()) {
            return SessionChange.KEEP;
        }
        boolean removed = now.removals() > seen.removals();
        boolean held = state.aal() != AssuranceLevel.AAL2 && state.secondFactorRequired() && !state.enrolling();
        if (!removed && (state.aal() == AssuranceLevel.AAL2 || held)) {
            return SessionChange.store(state.withStamp(now));
        }
        return SessionChange.newId(afterPassword(state.identity(), roles, returnTo, false).state());
    }

    /**
     * Tells whether the session's sign-in ran out of time before its second factor: it then starts again from the
     * password, not with a fresh transaction.
     *
     * @param state the session's state
     * @return true if a second factor is required and the pending transaction expired
     */
    public boolean expired(MfaState state) {
        LoginTransaction pending = state.transaction();
        return state.secondFactorRequired() && pending != null && pending.expiredAt(services.clock().instant());
    }

    /**
     * Lists the methods a user can sign in with.
     *
     * @param username the user
     * @return the confirmed factors and the one to offer first
     */
    public Methods methods(String username) {
        return Methods.of(services.factorStore().findConfirmed(username));
    }

    private LoginTransaction newTransaction(boolean hasFactor, String returnTo) {
        Instant now = services.clock().instant();
        return new LoginTransaction(services.ids().next(),
                hasFactor ? LoginTransaction.Purpose.CHALLENGE : LoginTransaction.Purpose.ENROL,
                now, now.plus(services.settings().transactionTtl()), 0, returnTo);
    }
}
