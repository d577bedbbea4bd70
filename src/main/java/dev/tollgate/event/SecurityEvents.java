package dev.tollgate.event;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes security events: to the {@value SecurityEvent#LOGGER} log, and to any further listeners (the web layer
 * adds one that fires CDI events). A listener that fails is logged and does not stop the sign-in.
 */
public final class SecurityEvents {

    private static final Logger AUDIT = Logger.getLogger(SecurityEvent.LOGGER);

    private final List<Consumer<SecurityEvent>> listeners;

    /**
     * Creates a publisher.
     *
     * @param listeners receivers besides the log, for example a CDI event bridge
     */
    public SecurityEvents(List<Consumer<SecurityEvent>> listeners) {
        this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }

    /**
     * Publishes an event.
     *
     * @param event the event
     */
    public void publish(SecurityEvent event) {
        Level level = switch (event.type()) {
            case SECOND_FACTOR_FAILED, LOCKED_OUT, SIGN_IN_ABANDONED, RESET_BY_ADMINISTRATOR -> Level.WARNING;
            default -> Level.INFO;
        };
        AUDIT.log(level, event::toLogLine);
        for (Consumer<SecurityEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                AUDIT.log(Level.SEVERE, "Tollgate: a security event listener failed on " + event.type().code(), e);
            }
        }
    }
}
