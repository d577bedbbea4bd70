package dev.tollgate.web;

import dev.tollgate.policy.AssuranceLevel;
import java.io.Serializable;
import java.util.Objects;

/**
 * Tollgate's view of one HTTP session: who passed the first factor, at which assurance level the session is, whether
 * the policy demands a second factor from this user, and the pending login transaction.
 *
 * <p>Immutable: every change stores a new instance with {@code setAttribute}, which is also what tells a
 * replicating server (Payara's session persistence) to copy the session to its peers.
 *
 * @param identity             the caller who passed the first factor
 * @param aal                  the session's assurance level
 * @param secondFactorRequired whether this user must reach aal2 before anything but Tollgate's pages
 * @param hasFactor            whether the user has a confirmed factor (decides challenge or enrolment at step-up)
 * @param transaction          the pending second-factor sign-in, or null
 * @param offer                the enrolment choices still to show this sign-in's browser, or
 *                             {@link EnrolmentOffer#NONE}
 */
public record MfaState(SessionIdentity identity, AssuranceLevel aal, boolean secondFactorRequired, boolean hasFactor,
        LoginTransaction transaction, EnrolmentOffer offer) implements Serializable {

    /** The session attribute that holds the state. */
    public static final String ATTRIBUTE = "dev.tollgate.state";

    /** Checks the required fields; a null offer means {@link EnrolmentOffer#NONE}. */
    public MfaState {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(aal, "aal");
        offer = offer == null ? EnrolmentOffer.NONE : offer;
    }

    /**
     * A state without an enrolment offer.
     *
     * @param identity             the caller who passed the first factor
     * @param aal                  the session's assurance level
     * @param secondFactorRequired whether this user must reach aal2 before anything but Tollgate's pages
     * @param hasFactor            whether the user has a confirmed factor
     * @param transaction          the pending second-factor sign-in, or null
     */
    public MfaState(SessionIdentity identity, AssuranceLevel aal, boolean secondFactorRequired, boolean hasFactor,
            LoginTransaction transaction) {
        this(identity, aal, secondFactorRequired, hasFactor, transaction, EnrolmentOffer.NONE);
    }

    /**
     * Tells whether the caller may be signed in to the container now: the session reached aal2, or this user needs
     * no second factor.
     *
     * @return true if the application may see the caller
     */
    public boolean containerLoginAllowed() {
        return aal == AssuranceLevel.AAL2 || !secondFactorRequired;
    }

    /**
     * Tells whether the user may add a factor now. Someone who already has a factor, or must have one, adds another
     * only at aal2 (or while enrolling the first one, when the policy demands it): otherwise whoever learnt the
     * password could add their own authenticator and pass the second factor with it.
     *
     * @return true if enrolment may start
     */
    public boolean mayAddFactor() {
        boolean enrolling = transaction != null && transaction.purpose() == LoginTransaction.Purpose.ENROL;
        return aal == AssuranceLevel.AAL2 || enrolling || (!hasFactor && !secondFactorRequired);
    }

    /**
     * Returns the state with another pending transaction.
     *
     * @param next the transaction, or null to end it
     * @return the updated state
     */
    public MfaState withTransaction(LoginTransaction next) {
        return new MfaState(identity, aal, secondFactorRequired, hasFactor, next, offer);
    }

    /**
     * Returns the state with another enrolment offer.
     *
     * @param next the offer still to show, or {@link EnrolmentOffer#NONE} once shown or answered
     * @return the updated state
     */
    public MfaState withOffer(EnrolmentOffer next) {
        return new MfaState(identity, aal, secondFactorRequired, hasFactor, transaction, next);
    }

    /**
     * Returns the state after a successful second factor: aal2, no transaction, nothing left to offer.
     *
     * @return the updated state
     */
    public MfaState atAal2() {
        return new MfaState(identity, AssuranceLevel.AAL2, secondFactorRequired, true, null);
    }
}
