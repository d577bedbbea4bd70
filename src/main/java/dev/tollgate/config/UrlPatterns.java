package dev.tollgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of servlet URL patterns, such as {@code /admin/*}, {@code *.do} or {@code /account}, that tells whether a
 * request path is one of them.
 *
 * <pre>{@code
 * UrlPatterns stepUp = UrlPatterns.parse("/admin/*, /account/delete, *.do");
 * stepUp.matches("/admin/users");   // true
 * stepUp.matches("/administrator"); // false
 * }</pre>
 *
 * <p>Patterns mean exactly what they mean in {@code web.xml} (Jakarta Servlet 6.0, section 12.2), so that
 * integrators can copy them from their own security constraints:
 * <ul>
 *   <li>{@code /x/*}, a path prefix: matches {@code /x} itself and everything below {@code /x/}, but not
 *       {@code /xy}; {@code /*} matches every path;</li>
 *   <li>{@code *.ext}, an extension: matches a path whose last segment's text after its last {@code .} is
 *       {@code ext};</li>
 *   <li>{@code /}, the default servlet's pattern: matches every path;</li>
 *   <li>any other {@code /...}: matches that path exactly.</li>
 * </ul>
 * Matching is case-sensitive, as the specification's section 12.1 requires. The specification's empty pattern
 * {@code ""} (the context root only) cannot be written in a comma-separated list and is not supported.
 *
 * <p>Patterns that the specification would accept as exact paths but that are almost certainly mistakes are
 * refused when the set is built: a {@code *} anywhere else ({@code /admin*} would match only the literal path
 * "/admin*"), a pattern not starting with {@code /} or {@code *.}, a query, a fragment or a space.
 *
 * @param patterns the patterns, in the order given
 */
public record UrlPatterns(List<String> patterns) {

    /** The set that matches nothing. */
    public static final UrlPatterns NONE = new UrlPatterns(List.of());

    /**
     * Validates the patterns.
     *
     * @throws ConfigurationException if a pattern is malformed; the message quotes it and says why
     */
    public UrlPatterns {
        patterns = List.copyOf(patterns);
        patterns.forEach(UrlPatterns::requireValid);
    }

    /**
     * Reads a comma-separated list of patterns.
     *
     * @param commaSeparated for example {@code /admin/*, *.do}; spaces around patterns are ignored; blank means none
     * @return the patterns
     * @throws ConfigurationException if an entry is empty or a pattern is malformed
     */
    public static UrlPatterns parse(String commaSeparated) {
        Objects.requireNonNull(commaSeparated, "commaSeparated");
        if (commaSeparated.isBlank()) {
            return NONE;
        }
        List<String> patterns = new ArrayList<>();
        for (String entry : commaSeparated.split(",", -1)) {
            String pattern = entry.strip();
            if (pattern.isEmpty()) {
                throw new ConfigurationException("the list has an empty entry; remove the extra ','");
            }
            patterns.add(pattern);
        }
        return new UrlPatterns(patterns);
    }

    /**
     * Builds a set from patterns.
     *
     * @param patterns servlet URL patterns
     * @return the set
     * @throws ConfigurationException if a pattern is malformed
     */
    public static UrlPatterns of(String... patterns) {
        return new UrlPatterns(List.of(patterns));
    }

    /**
     * Tells whether a request path matches at least one pattern.
     *
     * <p>Pass the path the container matched, {@code request.getServletPath()} followed by
     * {@code request.getPathInfo()} when not null: decoded, normalized, without the context path, the query or
     * {@code ;} parameters. The raw {@code getRequestURI()} is not safe to match, because {@code /admin/..;/x} or an
     * encoded {@code %2e} would slip past a pattern that the container's own mapping would apply.
     *
     * @param path the context-relative path, starting with {@code /}; the empty path is the context root, {@code /}
     * @return true if a pattern matches
     */
    public boolean matches(String path) {
        Objects.requireNonNull(path, "path");
        String requestPath = path.isEmpty() ? "/" : path;
        for (String pattern : patterns) {
            if (matches(pattern, requestPath)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether the set has no pattern.
     *
     * @return true if nothing matches
     */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Returns the patterns as they would be written in the setting. */
    @Override
    public String toString() {
        return String.join(",", patterns);
    }

    private static boolean matches(String pattern, String path) {
        if (pattern.equals("/")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            String lastSegment = path.substring(path.lastIndexOf('/') + 1);
            int dot = lastSegment.lastIndexOf('.');
            return dot >= 0 && lastSegment.substring(dot + 1).equals(pattern.substring(2));
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(pattern);
    }

    private static void requireValid(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String problem = problemWith(pattern);
        if (problem != null) {
            throw new ConfigurationException("URL pattern '" + pattern + "' is malformed: " + problem
                    + "; write /path/* for a path and everything below it, *.ext for an extension, or /exact/path");
        }
    }

    /** Returns why a pattern is refused, or null if it is one of the forms of section 12.2. */
    private static String problemWith(String pattern) {
        if (pattern.isEmpty()) {
            return "it is empty";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "it contains a space or control character";
            }
            if (c == '?' || c == '#') {
                return "it contains '" + c + "', but patterns match the path only, never the query or fragment";
            }
        }
        if (pattern.startsWith("*.")) {
            String extension = pattern.substring(2);
            if (extension.isEmpty()) {
                return "the extension after '*.' is empty";
            }
            if (extension.contains("/") || extension.contains("*") || extension.contains(".")) {
                return "an extension is the text after the last '.' of the last segment, so it cannot contain '/',"
                        + " '*' or '.'";
            }
            return null;
        }
        if (!pattern.startsWith("/")) {
            return "it must start with '/' or '*.'";
        }
        String withoutWildcard = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (withoutWildcard.contains("*")) {
            return "'*' is allowed only as a whole last segment (/path/*) or at the start of an extension (*.ext);"
                    + " elsewhere the Servlet specification reads it as a literal character";
        }
        return null;
    }
}
