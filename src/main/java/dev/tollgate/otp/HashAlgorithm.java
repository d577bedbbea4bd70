package dev.tollgate.otp;

import dev.tollgate.InvalidRequestException;
import java.util.Locale;

/**
 * The HMAC functions that HOTP and TOTP may use (RFC 6238 section 1.2 allows SHA-1, SHA-256 and SHA-512).
 *
 * <p>SHA-1 is what every authenticator app supports and remains safe here: HOTP relies on HMAC's pseudo-random
 * output, not on the hash's collision resistance (RFC 4226 appendix A).
 */
public enum HashAlgorithm {
    /** HMAC-SHA-1, the default of RFC 4226 and of every authenticator app. */
    SHA1("HmacSHA1", "SHA1"),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256", "SHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512", "SHA512");

    private final String jcaName;
    private final String uriName;

    HashAlgorithm(String jcaName, String uriName) {
        this.jcaName = jcaName;
        this.uriName = uriName;
    }

    /**
     * Returns the name under which the Java Cryptography Architecture knows this HMAC.
     *
     * @return for example {@code HmacSHA256}
     */
    public String jcaName() {
        return jcaName;
    }

    /**
     * Returns the value of the {@code algorithm} parameter of an {@code otpauth://} URI.
     *
     * @return for example {@code SHA256}
     */
    public String uriName() {
        return uriName;
    }

    /**
     * Reads the {@code algorithm} parameter of an {@code otpauth://} URI, ignoring case.
     *
     * @param name the parameter's value, for example {@code sha256}
     * @return the matching algorithm
     * @throws InvalidRequestException if the name is none of SHA1, SHA256 and SHA512
     */
    public static HashAlgorithm fromUriName(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.uriName.equals(wanted)) {
                return algorithm;
            }
        }
        throw new InvalidRequestException(
                "algorithm must be one of SHA1, SHA256 or SHA512, not '" + name + "'");
    }
}
