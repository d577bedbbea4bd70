package dev.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPatternsTest {

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
        // path prefix: the prefix itself and everything below it, nothing beside it (Servlet 6.0 section 12.2)
        "/admin/*,       /admin,              true",
        "/admin/*,       /admin/,             true",
        "/admin/*,       /admin/users,        true",
        "/admin/*,       /admin/users/1/edit, true",
        "/admin/*,       /administrator,      false",
        "/admin/*,       /adminx/users,       false",
        "/admin/*,       /,                   false",
        "/admin/*,       /Admin/users,        false",
        "/a/b/*,         /a/b/c,              true",
        "/a/b/*,         /a/bc,               false",
        "/a/b/*,         /a,                  false",
        "/*,             /,                   true",
        "/*,             /anything/at/all,    true",
        // extension: the text after the last '.' of the last segment
        "*.do,           /save.do,            true",
        "*.do,           /a/b/save.do,        true",
        "*.do,           /a/.do,              true",
        "*.do,           /save.do/more,       false",
        "*.do,           /a.do/save,          false",
        "*.do,           /save.dox,           false",
        "*.do,           /save.xdo,           false",
        "*.do,           /save,               false",
        "*.do,           /save.DO,            false",
        "*.gz,           /archive.tar.gz,     true",
        "*.tar,          /archive.tar.gz,     false",
        // exact
        "/account,       /account,            true",
        "/account,       /account/,           false",
        "/account,       /account/x,          false",
        "/account,       /accounts,           false",
        "/account/,      /account/,           true",
        "/account/,      /account,            false",
        // default servlet: everything
        "/,              /,                   true",
        "/,              /any/path.do,        true",
    })
    void matchesAsTheServletSpecificationSays(String pattern, String path, boolean expected) {
        assertEquals(expected, UrlPatterns.of(pattern).matches(path));
    }

    @Test
    void treatsTheEmptyPathAsTheContextRoot() {
        assertTrue(UrlPatterns.of("/").matches(""));
        assertTrue(UrlPatterns.of("/*").matches(""));
        assertFalse(UrlPatterns.of("/admin/*").matches(""));
    }

    @Test
    void matchesWhenAnyPatternMatches() {
        UrlPatterns patterns = UrlPatterns.parse(" /admin/* , *.do,/account ");
        assertEquals(List.of("/admin/*", "*.do", "/account"), patterns.patterns());
        assertTrue(patterns.matches("/admin/x"));
        assertTrue(patterns.matches("/x.do"));
        assertTrue(patterns.matches("/account"));
        assertFalse(patterns.matches("/home"));
        assertEquals("/admin/*,*.do,/account", patterns.toString());
    }

    @Test
    void matchesNothingWhenEmpty() {
        assertTrue(UrlPatterns.parse("").isEmpty());
        assertTrue(UrlPatterns.parse("   ").isEmpty());
        assertFalse(UrlPatterns.NONE.matches("/"));
        assertFalse(UrlPatterns.parse("").matches("/anything"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "admin/*",      // relative
        "admin",
        "/admin*",      // the spec would read it as the literal path "/admin*"
        "/ad*min/*",
        "/*/users",
        "/admin/*.do",
        "**",
        "*",
        "*.",           // empty extension
        "*.tar.gz",     // never matches: an extension has no dot
        "*.do/x",
        "*.d*",
        "/a b",
        "/search?q=x",
        "/page#top",
    })
    void refusesMalformedPatternsWhenBuilt(String pattern) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> UrlPatterns.of(pattern));
        assertTrue(e.getMessage().startsWith("URL pattern '" + pattern + "' is malformed: "), e.getMessage());
        assertEquals("configuration_error", e.error());
    }

    @Test
    void refusesAnEmptyListEntry() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> UrlPatterns.parse("/a/*,,/b"));
        assertTrue(e.getMessage().contains("empty entry"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> UrlPatterns.parse("/a/*,"));
    }
}
