package dev.tollgate.otp;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * HOTP, the HMAC-based one-time password of RFC 4226, with any {@link HashAlgorithm} (RFC 6238 section 1.2).
 *
 * <pre>{@code
 * Hotp hotp = new Hotp(HashAlgorithm.SHA1, 6);
 * String code = hotp.generate(secret, 42);   // "755224" for the RFC 4226 key and counter 0
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Hotp {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};

    private final HashAlgorithm algorithm;
    private final int digits;
    /** Only ever cloned, never used, so instances stay thread-safe. */
    private final MessageDigest digestPrototype;

    /**
     * Creates a generator.
     *
     * @param algorithm the HMAC function
     * @param digits    6 to 8
     * @throws dev.tollgate.InvalidRequestException if digits are out of range
     */
    public Hotp(HashAlgorithm algorithm, int digits) {
        // validation lives in OtpParameters; the period plays no part in HOTP
        OtpParameters checked = new OtpParameters(algorithm, digits, OtpParameters.DEFAULT.period());
        this.algorithm = checked.algorithm();
        this.digits = checked.digits();
        try {
            this.digestPrototype = Hmac.prototype(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(missingAlgorithm(e), e);
        }
    }

    /**
     * Computes the code for one counter value.
     *
     * @param secret  the shared key
     * @param counter the moving factor C
     * @return the code, zero-padded to the configured number of digits
     */
    public String generate(Secret secret, long counter) {
        return new String(generateRange(secret, counter, 1)[0], StandardCharsets.US_ASCII);
    }

    /**
     * Computes the codes for {@code count} consecutive counters with one key schedule, as ASCII digits, so that a
     * verification window hashes the padded key once rather than twice per step ({@link Hmac}).
     */
    byte[][] generateRange(Secret secret, long firstCounter, int count) {
        Objects.requireNonNull(secret, "secret");
        try {
            Hmac hmac = Hmac.keyed(digestPrototype, algorithm, secret.keyForHmac());
            byte[][] codes = new byte[count][];
            byte[] message = new byte[8];
            byte[] output = new byte[hmac.length()];
            for (int i = 0; i < count; i++) {
                long counter = firstCounter + i;
                for (int b = 7; b >= 0; b--) {
                    message[b] = (byte) counter;
                    counter >>>= 8;
                }
                hmac.compute(message, output);
                codes[i] = toDigits(truncate(output));
            }
            return codes;
        } catch (NoSuchAlgorithmException | DigestException e) {
            throw new IllegalStateException(missingAlgorithm(e), e);
        }
    }

    /** Dynamic truncation, RFC 4226 section 5.3: 31 bits read at the offset named by the last nibble. */
    private static int truncate(byte[] hmac) {
        int offset = hmac[hmac.length - 1] & 0x0f;
        return (hmac[offset] & 0x7f) << 24
                | (hmac[offset + 1] & 0xff) << 16
                | (hmac[offset + 2] & 0xff) << 8
                | (hmac[offset + 3] & 0xff);
    }

    private byte[] toDigits(int binary) {
        int value = binary % POWERS_OF_TEN[digits];
        byte[] ascii = new byte[digits];
        for (int i = digits - 1; i >= 0; i--) {
            ascii[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return ascii;
    }

    private String missingAlgorithm(GeneralSecurityException e) {
        return "This Java runtime cannot compute " + algorithm.jcaName()
                + ", which every Java SE runtime must provide: " + e.getMessage();
    }

    /**
     * Returns the HMAC function.
     *
     * @return the algorithm
     */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Returns the number of digits of each code.
     *
     * @return 6 to 8
     */
    public int digits() {
        return digits;
    }
}
