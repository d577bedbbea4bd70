package dev.tollgate.otp;

import dev.tollgate.InvalidRequestException;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings a one-time password is computed with: HMAC algorithm, number of digits and time step.
 *
 * <p>{@link #DEFAULT} (SHA-1, 6 digits, 30 seconds) is the only combination that every authenticator app reads
 * correctly; Google Authenticator, for one, ignores other values in the key URI on some platforms.
 *
 * @param algorithm the HMAC function
 * @param digits    how many decimal digits a code has, 6 to 8 (RFC 4226 section 5.3)
 * @param period    the TOTP time step X of RFC 6238 section 4.1, a whole number of seconds
 */
public record OtpParameters(HashAlgorithm algorithm, int digits, Duration period) {

    /** The minimum number of digits (RFC 4226 section 5.3). */
    public static final int MIN_DIGITS = 6;
    /** The maximum number of digits: HOTP's 31-bit dynamic value has at most 10, but apps read at most 8. */
    public static final int MAX_DIGITS = 8;

    /** SHA-1, 6 digits, 30 seconds: what every authenticator app understands. */
    public static final OtpParameters DEFAULT = new OtpParameters(HashAlgorithm.SHA1, 6, Duration.ofSeconds(30));

    /**
     * Validates the parameters.
     *
     * @throws InvalidRequestException if digits are outside 6 to 8 or the period is not a positive whole number
     *                                 of seconds
     */
    public OtpParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(period, "period");
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new InvalidRequestException(
                    "digits must be between " + MIN_DIGITS + " and " + MAX_DIGITS + ", not " + digits);
        }
        if (period.isNegative() || period.isZero() || period.getNano() != 0) {
            throw new InvalidRequestException(
                    "period must be a positive whole number of seconds, not " + period);
        }
    }

    /**
     * Returns the time step in seconds.
     *
     * @return the period in seconds, at least 1
     */
    public long periodSeconds() {
        return period.getSeconds();
    }
}
