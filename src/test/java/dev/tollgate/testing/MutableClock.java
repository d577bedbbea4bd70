package dev.tollgate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, so that expiry and time steps are tested without waiting. */
public final class MutableClock extends Clock {

    private Instant now;

    /**
     * Creates a clock standing at an instant.
     *
     * @param start the first time it shows
     */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param amount how far
     */
    public void advance(Duration amount) {
        now = now.plus(amount);
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the time it shows from now on
     */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
