package dev.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The return path after the second factor cannot send the user to another site (an open redirect). */
class NavigationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/expenses", "/admin/approvals?id=7&sort=date", "/", "/a%2Fb"})
    void keepsPathsInsideTheApplication(String path) {
        assertEquals(path, Navigation.safeReturn(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "//evil.example/phish",          // protocol-relative: another host
        "https://evil.example/",         // absolute URL
        "javascript:alert(1)",           // a script
        "/\\evil.example",               // browsers read a backslash as a slash: //evil.example
        "\\\\evil.example",
        "evil.example/path",             // not a path of ours
        "/ok\r\nSet-Cookie: x=y",        // header injection
        "/ok\u0000",
        "",
    })
    void refusesWhatLeadsElsewhere(String target) {
        assertNull(Navigation.safeReturn(target), target);
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongAndMissingTargets() {
        assertNull(Navigation.safeReturn(null));
        assertNull(Navigation.safeReturn("/" + "a".repeat(3000)));
    }
}
