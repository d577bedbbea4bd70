package dev.tollgate.twostep;

import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.policy.AssuranceLevel;
import java.util.Optional;

/**
 * What a user without a second factor decides about enrolling one, after the password: to skip it for this sign-in,
 * to opt out (not asked again until undone; only where the policy lets the user go without), or to be asked again.
 *
 * <pre>{@code
 * Outcome<EnrolmentDecisions.Choices> offer = decisions.choices(caller);  // what the page shows
 * Outcome<Boolean> done = decisions.optOut(caller);
 * }</pre>
 */
public final class EnrolmentDecisions {

    private final UseCases.Services services;

    EnrolmentDecisions(UseCases.Services services) {
        this.services = services;
    }

    /**
     * What the choices page offers.
     *
     * @param mustEnrol whether the policy requires a factor of this user (then only now or skip, in a grace period)
     * @param grace     what is left of the grace period, when the policy requires a factor
     */
    public record Choices(boolean mustEnrol, Optional<EnrolmentChoices.Grace> grace) {
    }

    /**
     * Tells what to offer, or why nothing is.
     *
     * @param caller the session
     * @return the choices; or refused: not signed in, {@link Problem#MFA_REQUIRED} for a user who has a factor or
     *         reached aal2 (nothing to choose), {@link Problem#ENROLLMENT_REQUIRED} when enrolment is due now
     */
    public Outcome<Choices> choices(Caller caller) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        MfaState state = caller.state();
        if (state.hasFactor() || state.aal() == AssuranceLevel.AAL2) {
            return Outcome.refused(Problem.MFA_REQUIRED);
        }
        if (state.secondFactorRequired()) {
            return Outcome.refused(Problem.ENROLLMENT_REQUIRED);
        }
        boolean mustEnrol = services.policy().mustEnrol(caller.roles());
        return Outcome.done(new Choices(mustEnrol, mustEnrol ? services.choices().graceLeft(caller.username())
                : Optional.empty()));
    }

    /**
     * Goes on without enrolling, for this sign-in.
     *
     * @param caller the session
     * @return done; or refused: not signed in, a second factor needed first ({@link Problem#MFA_REQUIRED}), or
     *         enrolment due now ({@link Problem#ENROLLMENT_REQUIRED})
     */
    public Outcome<Boolean> skip(Caller caller) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        MfaState state = caller.state();
        if (!state.containerLoginAllowed()) {
            return Outcome.refused(state.hasFactor() ? Problem.MFA_REQUIRED : Problem.ENROLLMENT_REQUIRED);
        }
        if (!state.hasFactor() && state.aal() == AssuranceLevel.AAL1) {
            services.audit().publish(SecurityEventType.ENROLMENT_SKIPPED, caller, null,
                    services.policy().mustEnrol(caller.roles()) ? "grace period" : null);
        }
        return Outcome.done(true, offerAnswered(state));
    }

    /**
     * Asks not to be offered enrolment again.
     *
     * @param caller the session
     * @return done; or refused: not signed in, a second factor needed first, or the policy requires a factor
     */
    public Outcome<Boolean> optOut(Caller caller) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        if (!caller.state().containerLoginAllowed()) {
            return Outcome.refused(Problem.MFA_REQUIRED);
        }
        if (services.policy().mustEnrol(caller.roles())) {
            return Outcome.refused(Problem.OPT_OUT_NOT_ALLOWED);
        }
        services.choices().optOut(caller.username());
        services.audit().publish(SecurityEventType.ENROLMENT_OPTED_OUT, caller, null, null);
        return Outcome.done(true, offerAnswered(caller.state()));
    }

    /**
     * Asks to be offered enrolment again. It only makes the account safer, so it needs no level.
     *
     * @param caller the session
     * @return whether the user had opted out; or refused: not signed in
     */
    public Outcome<Boolean> optIn(Caller caller) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        boolean changed = services.choices().optIn(caller.username());
        if (changed) {
            services.audit().publish(SecurityEventType.ENROLMENT_OPTED_IN, caller, null, null);
        }
        return Outcome.done(changed);
    }

    /** The offer is answered: nothing left to show, and no session write when there was nothing to begin with. */
    private static SessionChange offerAnswered(MfaState state) {
        return state.offer() == EnrolmentOffer.NONE ? SessionChange.KEEP
                : SessionChange.store(state.withOffer(EnrolmentOffer.NONE));
    }
}
