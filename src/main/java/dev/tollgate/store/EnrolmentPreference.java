package dev.tollgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's stored choices about enrolment.
 *
 * @param username       the user
 * @param optedOutAt     when the user opted out of being asked to enrol, or null
 * @param graceStartedAt the first sign-in without a factor under a policy that requires one, or null
 * @param graceSignIns   sign-ins let through without a factor during the grace period so far
 * @param graceEndedAt   when the grace period was ended early, or null
 */
public record EnrolmentPreference(String username, Instant optedOutAt, Instant graceStartedAt, int graceSignIns,
        Instant graceEndedAt) {

    /** Checks the required fields. */
    public EnrolmentPreference {
        Objects.requireNonNull(username, "username");
    }

    /**
     * The state of a user who never made a choice.
     *
     * @param username the user
     * @return an empty preference
     */
    public static EnrolmentPreference none(String username) {
        return new EnrolmentPreference(username, null, null, 0, null);
    }

    /**
     * Tells whether the user asked not to be offered enrolment again.
     *
     * @return true if opted out
     */
    public boolean optedOut() {
        return optedOutAt != null;
    }
}
