package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a test needs from Tollgate's pages. */
public final class Html {

    private Html() {
    }

    /** The page's CSRF token, which every form of Tollgate's pages posts back. */
    public static String csrf(HttpResponse<String> page) {
        return find(page.body(), "name=\"csrf\" value=\"([^\"]+)\"");
    }

    /**
     * Returns the first group of the first match; fails the test if there is none.
     *
     * @param text  the page
     * @param regex a pattern with one group
     * @return the group
     */
    public static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex + " not found in " + text);
        return matcher.group(1);
    }
}
