package dev.tollgate.it.apps.audit;

import dev.tollgate.event.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What an application does with Tollgate's events: observes them as plain CDI events. */
@ApplicationScoped
public class AuditTrail {

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    void record(@Observes SecurityEvent event) {
        events.add(event);
    }

    public List<SecurityEvent> events() {
        return List.copyOf(events);
    }
}
