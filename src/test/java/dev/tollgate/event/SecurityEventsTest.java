package dev.tollgate.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class SecurityEventsTest {

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void writesOneLogLineThatCannotBeForgedByAUserName() {
        SecurityEvent event = new SecurityEvent(SecurityEventType.SECOND_FACTOR_FAILED, "eve\"\nevent=fake",
                AT, "127.0.0.1", "f-1", null);
        String line = event.toLogLine();
        assertEquals("event=second_factor_failed user=\"eve\\\"\\u000aevent=fake\" at=2026-11-26T12:00:00Z"
                + " ip=\"127.0.0.1\" factor=\"f-1\"", line);
        assertTrue(line.lines().count() == 1);
    }

    @Test
    void logsUnderTheAuditLoggerAndReachesListenersEvenIfOneFails() {
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger audit = Logger.getLogger(SecurityEvent.LOGGER);
        audit.addHandler(handler);
        try {
            List<SecurityEvent> received = new ArrayList<>();
            SecurityEvents events = new SecurityEvents(List.of(e -> {
                throw new IllegalStateException("broken listener");
            }, received::add));
            SecurityEvent event = new SecurityEvent(SecurityEventType.LOCKED_OUT, "alice", AT, null, null, "until x");
            events.publish(event);
            assertEquals(List.of(event), received);
            assertTrue(logged.get(0).startsWith("WARNING event=locked_out user=\"alice\""), logged.toString());
        } finally {
            audit.removeHandler(handler);
        }
    }
}
