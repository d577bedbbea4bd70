package dev.tollgate.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * How long users without a second factor may still skip enrolment when a policy starts requiring one: a number of
 * sign-ins, a number of days from the first such sign-in, or both (the period ends with whichever runs out first).
 *
 * <pre>{@code
 * GracePeriod grace = new GracePeriod(5, 14);    // five sign-ins, at most fourteen days
 * grace.isNone();                                // false: users may skip enrolment for a while
 * }</pre>
 *
 * @param signIns sign-ins without a factor allowed, or 0 for no limit by count
 * @param days    days from the first sign-in without a factor, or 0 for no limit by time
 */
public record GracePeriod(int signIns, int days) {

    /** No grace: enrolment is due at the first sign-in. */
    public static final GracePeriod NONE = new GracePeriod(0, 0);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is negative
     */
    public GracePeriod {
        if (signIns < 0 || days < 0) {
            throw new IllegalArgumentException("grace period limits must not be negative");
        }
    }

    /**
     * Tells whether there is no grace period at all.
     *
     * @return true if neither limit is set
     */
    public boolean isNone() {
        return signIns == 0 && days == 0;
    }

    /**
     * Returns the instant after which a period must have started to still hold now, or null without a limit by time.
     *
     * @param now the server's time
     * @return {@code now} minus the days, or null
     */
    public Instant startedAfter(Instant now) {
        return days == 0 ? null : now.minus(Duration.ofDays(days));
    }

    /**
     * Returns when a period that started at an instant ends by time.
     *
     * @param startedAt the first sign-in without a factor
     * @return the end, or null without a limit by time
     */
    public Instant endsAt(Instant startedAt) {
        return days == 0 || startedAt == null ? null : startedAt.plus(Duration.ofDays(days));
    }
}
