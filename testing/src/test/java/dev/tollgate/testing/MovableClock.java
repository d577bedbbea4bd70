package dev.tollgate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the tests move by hand, and the pause that moves it instead of sleeping. */
final class MovableClock extends Clock {

    private Instant now;
    private Duration waited = Duration.ZERO;

    MovableClock(Instant start) {
        this.now = start;
    }

    /** The authenticator's wait: the clock jumps to the instant, and the wait is counted. */
    TestAuthenticator.Pause pause() {
        return (instant, clock) -> {
            if (instant.isAfter(now)) {
                waited = waited.plus(Duration.between(now, instant));
                now = instant;
            }
        };
    }

    void move(Duration by) {
        now = now.plus(by);
    }

    Duration waited() {
        return waited;
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
        throw new UnsupportedOperationException();
    }
}
