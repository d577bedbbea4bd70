package dev.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.factor.WebAuthnCeremony;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A security key's challenge is used once and only by the session that asked for it (WebAuthn Level 2, section
 * 13.4.3): without that, a key whose counter stays at 0, as many passkeys' does, could have one answer replayed.
 */
class WebAuthnCallsTest {

    private static final WebAuthnCeremony PENDING = new WebAuthnCeremony(WebAuthnCeremony.Kind.AUTHENTICATION,
            "Y2hhbGxlbmdl", null, null, null, List.of("a2V5"), List.of("usb"), "tx-1",
            Instant.parse("2026-11-26T12:05:00Z"));

    @Test
    void usesAChallengeOnce() {
        HttpSession session = session();
        session.setAttribute(WebAuthnCeremony.ATTRIBUTE, PENDING);
        assertEquals(PENDING, WebAuthnCalls.takeAssertionCeremony(session, "tx-1"));
        assertNull(WebAuthnCalls.takeAssertionCeremony(session, "tx-1"));
    }

    @Test
    void findsNoChallengeInAnotherSession() {
        HttpSession asked = session();
        asked.setAttribute(WebAuthnCeremony.ATTRIBUTE, PENDING);
        assertNull(WebAuthnCalls.takeAssertionCeremony(session(), "tx-1"));
    }

    @Test
    void spendsTheChallengeOnAnAnswerForAnotherTransaction() {
        HttpSession session = session();
        session.setAttribute(WebAuthnCeremony.ATTRIBUTE, PENDING);
        assertNull(WebAuthnCalls.takeAssertionCeremony(session, "tx-2"));
        assertNull(WebAuthnCalls.takeAssertionCeremony(session, "tx-1"));
    }

    /** A session that keeps attributes in a map; nothing else of the interface is used. */
    private static HttpSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpSession) Proxy.newProxyInstance(HttpSession.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
