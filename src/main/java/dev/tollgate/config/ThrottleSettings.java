package dev.tollgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits on failed passwords at Tollgate's own sign-in ({@code POST <basePath>/api/login} and
 * {@code <basePath>/login}), which check the password themselves and so pass by whatever throttle the application's
 * own login page has.
 *
 * <p>Three counters see each failure: the pair of account and client address, the account, and the address. Each
 * lets its threshold of failures through at once, then makes the next attempt wait {@code delay}, doubled with each
 * further failure up to {@code maxDelay}; a success ends the pair's and the account's count, and a count without a
 * failure for {@code forgetAfter} starts again. The pair's limit is the strictest and always applies; the account's
 * and the address's do not apply to a pair that signed in within {@code knownAddressFor}, so that an attacker who
 * fails on purpose from other addresses cannot lock the owner out where the owner usually signs in (the attacker's
 * own address is held by the pair's limit).
 *
 * @param perAccountAndAddress {@value #PER_ACCOUNT_AND_ADDRESS}: failures of one account from one address before the
 *                             delays, 0 (off) to 1000 (default 5)
 * @param perAccount           {@value #PER_ACCOUNT}: failures of one account from all addresses, 0 to 1000
 *                             (default 20)
 * @param perAddress           {@value #PER_ADDRESS}: failures of all accounts from one address (an IPv6 address
 *                             counts by its /64 network), 0 to 10000 (default 100)
 * @param delay                {@value #DELAY}: the first wait once a threshold is reached, 1 second to 1 hour
 *                             (default PT30S)
 * @param maxDelay             {@value #MAX_DELAY}: the longest wait, from {@code delay} to 1 day (default PT15M)
 * @param forgetAfter          {@value #FORGET_AFTER}: a count without a new failure for this long starts again, 1
 *                             minute to 30 days (default PT12H)
 * @param knownAddressFor      {@value #KNOWN_ADDRESS_FOR}: how long after a success the pair is exempt from the account's and
 *                             the address's limits, 0 (never) to 365 days (default P30D)
 */
public record ThrottleSettings(int perAccountAndAddress, int perAccount, int perAddress, Duration delay,
        Duration maxDelay, Duration forgetAfter, Duration knownAddressFor) {

    /** Setting name: failures per account and address. */
    public static final String PER_ACCOUNT_AND_ADDRESS = "tollgate.loginThrottle.perAccountAndAddress";
    /** Setting name: failures per account. */
    public static final String PER_ACCOUNT = "tollgate.loginThrottle.perAccount";
    /** Setting name: failures per client address. */
    public static final String PER_ADDRESS = "tollgate.loginThrottle.perAddress";
    /** Setting name: the first wait. */
    public static final String DELAY = "tollgate.loginThrottle.delay";
    /** Setting name: the longest wait. */
    public static final String MAX_DELAY = "tollgate.loginThrottle.maxDelay";
    /** Setting name: when a count starts again. */
    public static final String FORGET_AFTER = "tollgate.loginThrottle.forgetAfter";
    /** Setting name: how long a successful pair stays exempt from the wider limits. */
    public static final String KNOWN_ADDRESS_FOR = "tollgate.loginThrottle.knownAddressFor";

    /**
     * The defaults. Five quick tries per account and address cover typing mistakes; twenty per account let a few
     * devices of the owner fail at once; a hundred per address leave room for the users behind one company's NAT.
     * Past a threshold an attacker gets one guess per wait, at most 96 a day once the wait is 15 minutes: the
     * exponential backoff OWASP's authentication cheat sheet advises over a hard lock, and Keycloak's brute-force
     * detection's defaults (a temporary lockout of up to 15 minutes, failures forgotten after 12 hours).
     */
    public static final ThrottleSettings DEFAULT = new ThrottleSettings(5, 20, 100, Duration.ofSeconds(30),
            Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofDays(30));

    static final Duration MAX_MAX_DELAY = Duration.ofDays(1);

    /**
     * Validates the limits.
     *
     * @throws ConfigurationException naming the setting that is out of range
     */
    public ThrottleSettings {
        requireCount(PER_ACCOUNT_AND_ADDRESS, perAccountAndAddress, 1000);
        requireCount(PER_ACCOUNT, perAccount, 1000);
        requireCount(PER_ADDRESS, perAddress, 10000);
        requireDuration(DELAY, delay, Duration.ofSeconds(1), Duration.ofHours(1));
        requireDuration(MAX_DELAY, maxDelay, delay, Duration.ofDays(1));
        requireDuration(FORGET_AFTER, forgetAfter, Duration.ofMinutes(1), Duration.ofDays(30));
        requireDuration(KNOWN_ADDRESS_FOR, knownAddressFor, Duration.ZERO, Duration.ofDays(365));
    }

    /** What a setting allows, for the error message of a value that is not even a number or a duration. */
    static String allowed(String key) {
        return switch (key) {
            case PER_ACCOUNT_AND_ADDRESS -> "a whole number of failures from 0 (no limit) to 1000 (default 5)";
            case PER_ACCOUNT -> "a whole number of failures from 0 (no limit) to 1000 (default 20)";
            case PER_ADDRESS -> "a whole number of failures from 0 (no limit) to 10000 (default 100)";
            case DELAY -> "an ISO-8601 duration or a number of seconds, from 1 second to 1 hour (default PT30S)";
            case MAX_DELAY -> "an ISO-8601 duration or a number of seconds, from " + DELAY
                    + " to 1 day (default PT15M)";
            case FORGET_AFTER -> "an ISO-8601 duration or a number of seconds, from 1 minute to 30 days"
                    + " (default PT12H)";
            case KNOWN_ADDRESS_FOR -> "an ISO-8601 duration or a number of seconds, from 0 (no address is exempt)"
                    + " to 365 days (default P30D)";
            default -> throw new IllegalArgumentException("not a throttle setting: " + key);
        };
    }

    private static void requireCount(String key, int value, int max) {
        if (value < 0 || value > max) {
            throw Rules.invalid(key, String.valueOf(value), allowed(key));
        }
    }

    private static void requireDuration(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw Rules.invalid(key, value.toString(), allowed(key));
        }
    }
}
