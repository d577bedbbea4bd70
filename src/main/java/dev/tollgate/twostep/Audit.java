package dev.tollgate.twostep;

import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.event.SecurityEvents;
import java.time.Clock;

/** Publishes the security events of the use cases, stamped with the clock's time. */
final class Audit {

    private final SecurityEvents events;
    private final Clock clock;

    Audit(SecurityEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    void publish(SecurityEventType type, Caller caller, String factorId, String detail) {
        publish(type, caller.username(), caller.remoteAddress(), factorId, detail);
    }

    void publish(SecurityEventType type, String username, String remoteAddress, String factorId, String detail) {
        events.publish(new SecurityEvent(type, username, clock.instant(), remoteAddress, factorId, detail));
    }
}
