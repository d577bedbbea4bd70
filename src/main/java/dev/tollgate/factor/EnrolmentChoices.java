package dev.tollgate.factor;

import dev.tollgate.policy.GracePeriod;
import dev.tollgate.store.EnrolmentPreference;
import dev.tollgate.store.PreferenceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user without a second factor chose about enrolling one: opted out (not asked again until they undo it), or
 * in the grace period of a {@code required} rollout (may still skip).
 *
 * <pre>{@code
 * if (!choices.optedOut("alice")) { offer enrolment, skipping, opting out }
 * choices.optOut("alice");                                  // stored: holds at the next sign-in
 * Optional<Grace> grace = choices.graceSignIn("bob");       // under "required": empty means enrol now
 * }</pre>
 */
public final class EnrolmentChoices {

    private final PreferenceStore store;
    private final GracePeriod grace;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param store where the choices live
     * @param grace the grace period of a {@code required} rollout, or {@link GracePeriod#NONE}
     * @param clock the server's time
     */
    public EnrolmentChoices(PreferenceStore store, GracePeriod grace, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What is left of a user's grace period.
     *
     * @param signInsLeft further sign-ins without a factor allowed after the current one, or -1 for no limit by count
     * @param endsAt      when the period ends by time, or null for no limit by time
     */
    public record Grace(int signInsLeft, Instant endsAt) {
    }

    /**
     * Tells whether a user opted out of being offered enrolment.
     *
     * @param username the user
     * @return true if opted out
     */
    public boolean optedOut(String username) {
        return store.find(username).optedOut();
    }

    /**
     * Records that a user does not want to be offered enrolment again. Only for users whom the policy does not
     * require a factor of; the caller checks that.
     *
     * @param username the user
     */
    public void optOut(String username) {
        store.optOut(username, clock.instant());
    }

    /**
     * Undoes an opt-out.
     *
     * @param username the user
     * @return true if the user had opted out
     */
    public boolean optIn(String username) {
        return store.optIn(username);
    }

    /**
     * Counts a sign-in without a factor under a policy that requires one, if the grace period allows it.
     *
     * @param username the user
     * @return what is left of the period after this sign-in, or empty if enrolment is due now
     */
    public Optional<Grace> graceSignIn(String username) {
        if (grace.isNone()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.countGraceSignIn(username, now, grace.signIns(), grace.startedAfter(now)).map(this::left);
    }

    /**
     * Reads what is left of a user's grace period without counting a sign-in.
     *
     * @param username the user
     * @return what is left, or empty if there is no grace period or it is over
     */
    public Optional<Grace> graceLeft(String username) {
        if (grace.isNone()) {
            return Optional.empty();
        }
        EnrolmentPreference preference = store.find(username);
        Instant now = clock.instant();
        Instant endsAt = grace.endsAt(preference.graceStartedAt());
        if (preference.graceEndedAt() != null || (endsAt != null && !now.isBefore(endsAt))
                || (grace.signIns() > 0 && preference.graceSignIns() > grace.signIns())) {
            return Optional.empty();
        }
        return Optional.of(left(preference));
    }

    private Grace left(EnrolmentPreference preference) {
        return new Grace(grace.signIns() == 0 ? -1 : Math.max(0, grace.signIns() - preference.graceSignIns()),
                grace.endsAt(preference.graceStartedAt() == null ? clock.instant() : preference.graceStartedAt()));
    }
}
