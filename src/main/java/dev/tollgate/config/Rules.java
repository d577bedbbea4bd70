package dev.tollgate.config;

import static dev.tollgate.config.TollgateSettings.BASE_PATH;
import static dev.tollgate.config.TollgateSettings.DATA_SOURCE;
import static dev.tollgate.config.TollgateSettings.POLICY;
import static dev.tollgate.config.TollgateSettings.POLICY_ROLES;
import static dev.tollgate.config.TollgateSettings.PUBLIC_PATHS;
import static dev.tollgate.config.TollgateSettings.TOTP_SECRET_BITS;
import static dev.tollgate.config.TollgateSettings.TOTP_WINDOW;
import static dev.tollgate.config.TollgateSettings.TRANSACTION_MAX_ATTEMPTS;
import static dev.tollgate.config.TollgateSettings.TRANSACTION_TTL;

import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The defaults and the rules of every setting, shared by the reader (which quotes the text as written) and the
 * record's constructor (which guards snapshots built in code), so that the two cannot drift apart.
 */
final class Rules {

    static final String DEFAULT_BASE_PATH = "/mfa";
    static final String DEFAULT_API_PATHS = "/api/*";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MIN_TTL = Duration.ofSeconds(30);
    static final Duration MAX_TTL = Duration.ofHours(1);
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final int MAX_MAX_ATTEMPTS = 20;
    /** Never more than 100: above that, guessing a 6-digit code between locks becomes a real chance. */
    static final int MAX_LOCKOUT_THRESHOLD = 100;
    /** One step either side: RFC 6238 section 5.2's recommendation for network delay and clock drift. */
    static final int DEFAULT_TOTP_WINDOW = 1;
    static final int DEFAULT_SECRET_BITS = Secret.DEFAULT_BITS;
    static final int MAX_SECRET_BITS = 512;
    /** The data source every Jakarta EE 10 server provides, so that the drop-in works with no setup. */
    static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";
    /** Matches OtpAuthUri's limit, so that an accepted issuer always fits a key URI. */
    static final int MAX_ISSUER_LENGTH = 256;

    static final int MAX_GRACE_SIGN_INS = 1000;
    /** A year: a rollout that needs longer is not a rollout. */
    static final int MAX_GRACE_DAYS = 365;

    private static final Pattern BASE_PATH_SHAPE = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private Rules() {
    }

    static ConfigurationException invalid(String key, String value, String allowed) {
        return new ConfigurationException(key + " is '" + value + "'; allowed: " + allowed);
    }

    static void requireRoles(dev.tollgate.policy.MfaPolicy.Mode policy, Set<String> roles) {
        if (policy == dev.tollgate.policy.MfaPolicy.Mode.ROLES && roles.isEmpty()) {
            throw new ConfigurationException(POLICY_ROLES + " is not set, but " + POLICY + " is 'roles'; allowed:"
                    + " the role names, separated by commas, whose users must use a second factor");
        }
        for (String role : roles) {
            if (role == null || role.isBlank() || !role.equals(role.strip())) {
                throw invalid(POLICY_ROLES, String.valueOf(role), "role names without surrounding spaces");
            }
        }
    }

    static void requireBasePath(String basePath) {
        if (basePath == null || !BASE_PATH_SHAPE.matcher(basePath).matches()
                || basePath.contains("/./") || basePath.endsWith("/.")
                || basePath.contains("/../") || basePath.endsWith("/..")) {
            throw invalid(BASE_PATH, String.valueOf(basePath), "a path starting with '/', without a trailing '/',"
                    + " made of segments of letters, digits, '-', '_', '.' and '~', none of them '.' or '..'"
                    + " (default " + DEFAULT_BASE_PATH + ")");
        }
    }

    /**
     * Refuses public paths that reach beyond static files. A held session is let through on them (anonymous to the
     * application, but the container still knows the caller to EJB and CDI security), so they must name the folders
     * and files of static resources: an extension pattern such as {@code *.css} also matches
     * {@code /api/reports/x.css}, which the container serves with the servlet mapped to {@code /api/*} (prefix
     * mappings win over extension mappings, Servlet 6.0 section 12.1), and {@code /} or {@code /*} match everything.
     * Refusing these forms at start-up is portable; deciding by the servlet that serves each request is not, as
     * containers name and map their default servlet differently.
     */
    static void requirePublicPaths(UrlPatterns publicPaths) {
        for (String pattern : publicPaths.patterns()) {
            if (pattern.startsWith("*.") || pattern.equals("/") || pattern.equals("/*")) {
                throw invalid(PUBLIC_PATHS, publicPaths.toString(), "the folders and files of static resources"
                        + " (/css/*, /static/*, /favicon.ico); '" + pattern + "' is refused because it also"
                        + (pattern.startsWith("*.") ? " matches paths of servlets mapped by prefix, such as"
                        + " /api/reports/x" + pattern.substring(1) : " matches every path of the application")
                        + ", which a session waiting for its second factor would then reach");
            }
        }
    }

    static void requireIssuer(String key, String issuer) {
        if (!isValidIssuer(issuer)) {
            throw invalid(key, String.valueOf(issuer), ISSUER_ALLOWED);
        }
    }

    static final String ISSUER_ALLOWED = "a name of 1 to " + MAX_ISSUER_LENGTH + " characters without ':', which"
            + " authenticator apps use as a separator";

    /** The colon is refused because authenticator apps split the key URI's label "issuer:account" there. */
    static boolean isValidIssuer(String issuer) {
        return issuer != null && !issuer.isBlank() && issuer.length() <= MAX_ISSUER_LENGTH
                && issuer.indexOf(':') < 0 && issuer.equals(issuer.strip());
    }

    static void requireTtl(Duration ttl, String shown) {
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw invalid(TRANSACTION_TTL, shown, ttlAllowed());
        }
    }

    static String ttlAllowed() {
        return "an ISO-8601 duration such as PT5M or a number of seconds, from 30 seconds (PT30S) to 1 hour (PT1H)"
                + " (default PT5M)";
    }

    static void requireInt(String key, int value, String shown) {
        boolean valid = switch (key) {
            case TRANSACTION_MAX_ATTEMPTS -> value >= 1 && value <= MAX_MAX_ATTEMPTS;
            case TOTP_WINDOW -> value >= 0 && value <= Totp.MAX_WINDOW;
            case TOTP_SECRET_BITS -> value >= Secret.MIN_GENERATED_BITS && value <= MAX_SECRET_BITS
                    && value % 8 == 0;
            case TollgateSettings.LOCKOUT_THRESHOLD -> value >= 1 && value <= MAX_LOCKOUT_THRESHOLD;
            case TollgateSettings.RECOVERY_CODE_COUNT -> value >= 5 && value <= 50;
            case TollgateSettings.GRACE_SIGN_INS -> value >= 0 && value <= MAX_GRACE_SIGN_INS;
            case TollgateSettings.GRACE_DAYS -> value >= 0 && value <= MAX_GRACE_DAYS;
            default -> throw new IllegalArgumentException("not a whole-number setting: " + key);
        };
        if (!valid) {
            throw invalid(key, shown, intAllowed(key));
        }
    }

    static String intAllowed(String key) {
        return switch (key) {
            case TRANSACTION_MAX_ATTEMPTS -> "a whole number from 1 to " + MAX_MAX_ATTEMPTS
                    + " (default " + DEFAULT_MAX_ATTEMPTS + ")";
            case TOTP_WINDOW -> "a whole number of time steps from 0 to " + Totp.MAX_WINDOW
                    + " (default " + DEFAULT_TOTP_WINDOW + ")";
            case TOTP_SECRET_BITS -> "a multiple of 8 from " + Secret.MIN_GENERATED_BITS + " to " + MAX_SECRET_BITS
                    + " (default " + DEFAULT_SECRET_BITS + ")";
            case TollgateSettings.LOCKOUT_THRESHOLD -> "a whole number of consecutive failures from 1 to "
                    + MAX_LOCKOUT_THRESHOLD + " (default 10)";
            case TollgateSettings.RECOVERY_CODE_COUNT -> "a whole number of codes from 5 to 50 (default 10)";
            case TollgateSettings.GRACE_SIGN_INS -> "a whole number of sign-ins from 0 (no limit by count) to "
                    + MAX_GRACE_SIGN_INS + " (default 0)";
            case TollgateSettings.GRACE_DAYS -> "a whole number of days from 0 (no limit by time) to "
                    + MAX_GRACE_DAYS + " (default 0)";
            default -> throw new IllegalArgumentException("not a whole-number setting: " + key);
        };
    }

    static final String LOCKOUT_DELAY_ALLOWED = "an ISO-8601 duration such as PT1M or a number of seconds, from 1"
            + " second to 1 hour (default PT1M)";

    static void requireLockoutDelay(Duration delay, String shown) {
        if (delay.compareTo(Duration.ofSeconds(1)) < 0 || delay.compareTo(Duration.ofHours(1)) > 0) {
            throw invalid(TollgateSettings.LOCKOUT_DELAY, shown, LOCKOUT_DELAY_ALLOWED);
        }
    }

    static void requireRole(String key, Optional<String> role) {
        role.ifPresent(name -> {
            if (name.isBlank() || !name.equals(name.strip()) || name.contains(",") || name.length() > 255) {
                throw invalid(key, name, "one role name without commas or surrounding spaces, or empty for none");
            }
        });
    }

    static void requireDataSource(String dataSource) {
        if (dataSource == null || dataSource.isBlank() || !dataSource.equals(dataSource.strip())) {
            throw invalid(DATA_SOURCE, String.valueOf(dataSource), "a JNDI name such as java:app/jdbc/app"
                    + " (default " + DEFAULT_DATA_SOURCE + ")");
        }
    }

    static void requirePage(String key, Optional<String> page) {
        if (page == null) {
            throw new NullPointerException(key);
        }
        page.ifPresent(path -> {
            if (!isSafePage(path)) {
                // "//host/x" and "\\host" are read by browsers as another host: an open redirect if allowed.
                throw invalid(key, path, "a path within the application starting with a single '/', without"
                        + " spaces, '\\' or '..', such as /login.xhtml; or empty for Tollgate's own page");
            }
        });
    }

    private static boolean isSafePage(String path) {
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("..")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }
}
