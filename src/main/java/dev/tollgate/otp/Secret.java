package dev.tollgate.otp;

import dev.tollgate.InvalidRequestException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A shared secret (the key K of RFC 4226), with its Base32 form for authenticator apps.
 *
 * <pre>{@code
 * Secret secret = Secret.generate(new SecureRandom());     // 160 random bits
 * String forTheApp = secret.base32();                       // "JBSWY3DPEHPK3PXP..."
 * Secret again = Secret.fromBase32("jbsw y3dp ehpk 3pxp");  // case, spaces and padding tolerated
 * }</pre>
 *
 * <p>Instances are immutable and never print their value: {@link #toString()} is redacted so that a secret cannot
 * reach a log by accident.
 */
public final class Secret {

    /** RFC 4226 section 4, requirement R6: at least 128 bits; 160 recommended, and the length of SHA-1. */
    public static final int DEFAULT_BITS = 160;
    /** The shortest secret {@link #generate(SecureRandom, int)} makes (RFC 4226 section 4, R6). */
    public static final int MIN_GENERATED_BITS = 128;
    /** The longest secret accepted: far beyond any real one, and a bound on the work an imported secret causes. */
    public static final int MAX_BITS = 1024;

    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Generates a secret of {@value #DEFAULT_BITS} random bits.
     *
     * @param random the source of randomness; pass a {@link SecureRandom}
     * @return a new secret
     */
    public static Secret generate(SecureRandom random) {
        return generate(random, DEFAULT_BITS);
    }

    /**
     * Generates a secret of the given length.
     *
     * @param random the source of randomness; pass a {@link SecureRandom}
     * @param bits   the length, a multiple of 8 from {@value #MIN_GENERATED_BITS} to {@value #MAX_BITS}
     * @return a new secret
     * @throws InvalidRequestException if the length is out of range or not a multiple of 8
     */
    public static Secret generate(SecureRandom random, int bits) {
        Objects.requireNonNull(random, "random");
        if (bits < MIN_GENERATED_BITS || bits > MAX_BITS || bits % 8 != 0) {
            throw new InvalidRequestException("secret length must be a multiple of 8 bits between "
                    + MIN_GENERATED_BITS + " and " + MAX_BITS + ", not " + bits);
        }
        byte[] bytes = new byte[bits / 8];
        random.nextBytes(bytes);
        return new Secret(bytes);
    }

    /**
     * Wraps existing key bytes, for example a secret decrypted from storage.
     *
     * @param bytes the key; copied
     * @return the secret
     * @throws InvalidRequestException if the key is empty or longer than {@value #MAX_BITS} bits
     */
    public static Secret fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0 || bytes.length * 8 > MAX_BITS) {
            throw new InvalidRequestException(
                    "secret must be between 1 and " + MAX_BITS / 8 + " bytes long, not " + bytes.length);
        }
        return new Secret(bytes.clone());
    }

    /**
     * Reads a Base32 secret (RFC 4648 section 6) as people type it and apps show it.
     *
     * @param base32 upper or lower case, with or without spaces, hyphens and {@code =} padding
     * @return the secret
     * @throws InvalidRequestException if the text holds a character outside A-Z and 2-7, has an impossible length,
     *                                 or is empty
     */
    public static Secret fromBase32(String base32) {
        return fromBytes(Base32Text.decode(base32));
    }

    /**
     * Returns a copy of the key bytes.
     *
     * @return the key
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the length of the key.
     *
     * @return the length in bits
     */
    public int bits() {
        return bytes.length * 8;
    }

    /**
     * Returns the secret in upper-case Base32 without padding, as the {@code secret} parameter of a key URI.
     *
     * @return for example {@code JBSWY3DPEHPK3PXP}
     */
    public String base32() {
        return Base32Text.encode(bytes);
    }

    /**
     * Returns the Base32 secret in groups of four separated by spaces, for typing into an app by hand.
     *
     * @return for example {@code JBSW Y3DP EHPK 3PXP}
     */
    public String base32Grouped() {
        String plain = base32();
        StringBuilder grouped = new StringBuilder(plain.length() + plain.length() / 4);
        for (int i = 0; i < plain.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                grouped.append(' ');
            }
            grouped.append(plain.charAt(i));
        }
        return grouped.toString();
    }

    /** Hands the raw key to HOTP without a copy; package-private because the array must stay unmodified. */
    byte[] keyForHmac() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Returns a redacted description: the value never appears. */
    @Override
    public String toString() {
        return "Secret[" + bits() + " bits, redacted]";
    }
}
