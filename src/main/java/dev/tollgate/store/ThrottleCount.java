package dev.tollgate.store;

import java.time.Instant;

/**
 * What one throttle counter holds: the failed passwords since the last success (or since the count was forgotten),
 * and when the last failure and the last success happened.
 *
 * @param failures      failed attempts counted
 * @param lastFailureAt the last failure, or null if none
 * @param lastSuccessAt the last success, or null if none
 */
public record ThrottleCount(int failures, Instant lastFailureAt, Instant lastSuccessAt) {

    /** A counter that has seen nothing. */
    public static final ThrottleCount NONE = new ThrottleCount(0, null, null);

    /**
     * Checks the count.
     *
     * @throws IllegalArgumentException if the count is negative
     */
    public ThrottleCount {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative: " + failures);
        }
    }
}
