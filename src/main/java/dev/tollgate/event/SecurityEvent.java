package dev.tollgate.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One security-relevant step, fired as a CDI event and written to the log {@value #LOGGER}. Observe it to feed an
 * audit trail or an alerting system:
 *
 * <pre>{@code
 * void audit(@Observes SecurityEvent event) {
 *     if (event.type() == SecurityEventType.LOCKED_OUT) alerts.notify(event.username());
 * }
 * }</pre>
 *
 * <p>It never carries a secret, a code or a recovery code.
 *
 * @param type          what happened
 * @param username      whose account
 * @param at            when
 * @param remoteAddress the client's address as the server saw it, or null outside a request
 * @param factorId      the factor concerned, or null
 * @param detail        a short free text without secrets (for example a lock's end), or null
 */
public record SecurityEvent(SecurityEventType type, String username, Instant at, String remoteAddress,
        String factorId, String detail) {

    /** The {@code java.util.logging} logger the events are written to, so operators can route them. */
    public static final String LOGGER = "dev.tollgate.audit";

    /** Checks the required fields. */
    public SecurityEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(at, "at");
    }

    /**
     * Returns the event as one log line of {@code key=value} pairs, with values quoted where needed.
     *
     * @return for example {@code event=second_factor_failed user="alice" ip=127.0.0.1 factor=... at=...}
     */
    public String toLogLine() {
        StringBuilder line = new StringBuilder("event=").append(type.code())
                .append(" user=").append(quote(username))
                .append(" at=").append(at);
        if (remoteAddress != null) {
            line.append(" ip=").append(quote(remoteAddress));
        }
        if (factorId != null) {
            line.append(" factor=").append(quote(factorId));
        }
        if (detail != null) {
            line.append(" detail=").append(quote(detail));
        }
        return line.toString();
    }

    /** Quotes and escapes, so that a user name with spaces or newlines cannot forge another log line. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
