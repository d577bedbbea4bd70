package dev.tollgate.twostep;

import dev.tollgate.factor.WebAuthnCeremony;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.AccountStampStore.Stamp;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Tollgate's view of one HTTP session: who passed the first factor, at which assurance level the session is, whether
 * the policy demands a second factor from this user, and what is pending (a login transaction, a security-key
 * ceremony, an authenticator app being added).
 *
 * <p>Immutable: every change stores a new instance with {@code setAttribute}, which is also what tells a
 * replicating server to copy the session to its peers.
 *
 * @param identity             the caller who passed the first factor
 * @param aal                  the session's assurance level
 * @param secondFactorRequired whether this user must reach aal2 before anything but Tollgate's pages
 * @param hasFactor            whether the user had a confirmed factor when the state was made (decides challenge or
 *                             enrolment at step-up; permissions are decided on the stored factors, never on this)
 * @param transaction          the pending second-factor sign-in, or null
 * @param offer                the enrolment choices still to show this sign-in's browser, or
 *                             {@link EnrolmentOffer#NONE}
 * @param ceremony             the security-key ceremony waiting for the browser's answer, or null
 * @param enrolment            the authenticator app being added on the enrolment page, or null
 * @param verifiedAt           when the session last proved a second factor, or null
 * @param stamp                the account's stamp when this session last decided its level: a newer stamp in the
 *                             database means the user's factors changed since, and the session is re-evaluated
 */
public record MfaState(SessionIdentity identity, AssuranceLevel aal, boolean secondFactorRequired, boolean hasFactor,
        LoginTransaction transaction, EnrolmentOffer offer, WebAuthnCeremony ceremony, PendingEnrolment enrolment,
        Instant verifiedAt, Stamp stamp) implements Serializable {

    private static final long serialVersionUID = 3L;

    /** The session attribute that holds the state. */
    public static final String ATTRIBUTE = "dev.tollgate.state";

    /** Checks the required fields; a null offer means {@link EnrolmentOffer#NONE}. */
    public MfaState {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(aal, "aal");
        offer = offer == null ? EnrolmentOffer.NONE : offer;
        stamp = stamp == null ? Stamp.NONE : stamp;
    }

    /**
     * The state right after the password: nothing pending but the transaction, if any.
     *
     * @param identity             the caller who passed the first factor
     * @param aal                  the session's assurance level
     * @param secondFactorRequired whether this user must reach aal2 before anything but Tollgate's pages
     * @param hasFactor            whether the user has a confirmed factor
     * @param transaction          the pending second-factor sign-in, or null
     * @param offer                the enrolment choices to show, or {@link EnrolmentOffer#NONE}
     * @return the state
     */
    public static MfaState afterPassword(SessionIdentity identity, AssuranceLevel aal, boolean secondFactorRequired,
            boolean hasFactor, LoginTransaction transaction, EnrolmentOffer offer) {
        return new MfaState(identity, aal, secondFactorRequired, hasFactor, transaction, offer, null, null, null, null);
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
     * Tells whether the session waits for the first factor to be enrolled, as the policy demands.
     *
     * @return true while an enrolment transaction is pending
     */
    public boolean enrolling() {
        return transaction != null && transaction.purpose() == LoginTransaction.Purpose.ENROL;
    }

    /**
     * Returns the state with another pending transaction.
     *
     * @param next the transaction, or null to end it
     * @return the updated state
     */
    public MfaState withTransaction(LoginTransaction next) {
        return pending(next, offer, ceremony, enrolment);
    }

    /**
     * Returns the state with another enrolment offer.
     *
     * @param next the offer still to show, or {@link EnrolmentOffer#NONE} once shown or answered
     * @return the updated state
     */
    public MfaState withOffer(EnrolmentOffer next) {
        return pending(transaction, next, ceremony, enrolment);
    }

    /**
     * Returns the state with another pending security-key ceremony.
     *
     * @param next the ceremony, or null once its answer is being checked
     * @return the updated state
     */
    public MfaState withCeremony(WebAuthnCeremony next) {
        return pending(transaction, offer, next, enrolment);
    }

    /**
     * Returns the state with another authenticator app being added.
     *
     * @param next the enrolment, or null once confirmed or abandoned
     * @return the updated state
     */
    public MfaState withEnrolment(PendingEnrolment next) {
        return pending(transaction, offer, ceremony, next);
    }

    /**
     * Returns the state after a successful second factor: aal2, nothing pending, nothing left to offer.
     *
     * @param now when the factor was verified
     * @return the updated state
     */
    public MfaState atAal2(Instant now) {
        return new MfaState(identity, AssuranceLevel.AAL2, secondFactorRequired, true, null, EnrolmentOffer.NONE,
                null, null, now, stamp);
    }

    /**
     * Returns the state as decided on a newer stamp of the account.
     *
     * @param next the stamp read from the database
     * @return the updated state
     */
    public MfaState withStamp(Stamp next) {
        return new MfaState(identity, aal, secondFactorRequired, hasFactor, transaction, offer, ceremony, enrolment,
                verifiedAt, next);
    }

    /**
     * Returns the state after a fresh proof of a factor: the level stays, the proof's time is recorded.
     *
     * @param now when the proof was checked
     * @return the updated state
     */
    public MfaState provedAt(Instant now) {
        return new MfaState(identity, aal, secondFactorRequired, hasFactor, transaction, offer, ceremony, enrolment,
                now, stamp);
    }

    /** The same sign-in with other things pending. */
    private MfaState pending(LoginTransaction nextTransaction, EnrolmentOffer nextOffer, WebAuthnCeremony nextCeremony,
            PendingEnrolment nextEnrolment) {
        return new MfaState(identity, aal, secondFactorRequired, hasFactor, nextTransaction, nextOffer, nextCeremony,
                nextEnrolment, verifiedAt, stamp);
    }
}
