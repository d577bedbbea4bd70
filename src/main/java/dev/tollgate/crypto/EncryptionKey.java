package dev.tollgate.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES key with the short id that tokens encrypted under it carry, so that a key ring knows which key to use.
 *
 * <pre>{@code
 * EncryptionKey key = EncryptionKey.parse("2025b:q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8w=");
 * key.id();      // "2025b"
 * key.bits();    // 256
 * }</pre>
 *
 * <p>The text form is {@code id:base64}. The id is 1 to {@value #MAX_ID_LENGTH} characters of {@code A-Z},
 * {@code a-z}, {@code 0-9}, {@code _} and {@code -} (no dot, because tokens separate their parts with dots); the key
 * is 32 bytes (AES-256, recommended), or 16 or 24 bytes (AES-128, AES-192), in standard or URL-safe Base64, padding
 * optional. Instances are immutable and never print their key: {@link #toString()} shows the id and length only,
 * and no exception message repeats the key text.
 */
public final class EncryptionKey {

    /** The longest key id: long enough for a date and a purpose, short enough to keep tokens compact. */
    public static final int MAX_ID_LENGTH = 32;

    /** The key length {@link #generate(String, SecureRandom)} uses: AES-256. */
    public static final int GENERATED_BITS = 256;

    private final String id;
    private final SecretKeySpec key;

    private EncryptionKey(String id, SecretKeySpec key) {
        this.id = id;
        this.key = key;
    }

    /**
     * Reads a key written as {@code id:base64}.
     *
     * @param spec for example {@code 2025b:q83vEjRW...}; spaces around the id and the key are ignored
     * @return the key
     * @throws KeySpecException if the colon is missing, the id is not 1 to {@value #MAX_ID_LENGTH} characters of
     *                          {@code [A-Za-z0-9_-]}, the key is not Base64, or it is not 128, 192 or 256 bits
     */
    public static EncryptionKey parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        if (colon < 0) {
            // Without a colon we cannot tell an id from key material, so the text is not repeated.
            throw new KeySpecException("encryption key must be written id:base64, for example 2025a:"
                    + "<44 Base64 characters>; the entry has no ':' between id and key");
        }
        String id = spec.substring(0, colon).strip();
        requireValidId(id);
        return of(id, decodeBase64(id, spec.substring(colon + 1).strip()));
    }

    /**
     * Wraps existing key bytes.
     *
     * @param id  the key id, 1 to {@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9_-]}
     * @param key 16, 24 or 32 bytes; copied
     * @return the key
     * @throws KeySpecException if the id or the key length is invalid
     */
    public static EncryptionKey of(String id, byte[] key) {
        Objects.requireNonNull(key, "key");
        requireValidId(id);
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new KeySpecException("encryption key '" + id + "' must be 256 bits (32 bytes, recommended), or 128"
                    + " or 192 bits, for AES; it is " + key.length * 8 + " bits (" + key.length + " bytes)");
        }
        return new EncryptionKey(id, new SecretKeySpec(key, "AES"));
    }

    /**
     * Generates a new random AES-256 key.
     *
     * @param id     the key id, 1 to {@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9_-]}
     * @param random the source of randomness; pass a {@link SecureRandom}
     * @return a new key
     * @throws KeySpecException if the id is invalid
     */
    public static EncryptionKey generate(String id, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[GENERATED_BITS / 8];
        random.nextBytes(bytes);
        return of(id, bytes);
    }

    /**
     * Tells whether a text is a well-formed key id.
     *
     * @param id the candidate
     * @return true for 1 to {@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9_-]}
     */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isIdCharacter(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the id that tokens encrypted with this key carry.
     *
     * @return for example {@code 2025b}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the key length.
     *
     * @return 128, 192 or 256
     */
    public int bits() {
        return key.getEncoded().length * 8;
    }

    /**
     * Returns the key in its text form, for an operator to put into the configuration.
     *
     * @return {@code id:base64} in standard Base64 with padding; it contains the key, so never log it
     */
    public String toSpec() {
        return id + ':' + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Derives a 256-bit sub-key for another purpose: HMAC-SHA-256 of the purpose under this key (the expand step of
     * RFC 5869 with a single block), different for every purpose.
     */
    byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            mac.update(("tollgate:" + purpose).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(new byte[] {1});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot compute HmacSHA256", e);
        }
    }

    /** Hands the key to the cipher; package-private so that the key never leaves this package as an object. */
    SecretKey secretKey() {
        return key;
    }

    private static void requireValidId(String id) {
        Objects.requireNonNull(id, "id");
        if (isValidId(id)) {
            return;
        }
        String problem;
        if (id.isEmpty()) {
            problem = "it is empty";
        } else if (id.length() > MAX_ID_LENGTH) {
            // The id is not repeated: a too-long "id" is most often key material written in the wrong place.
            problem = "it is " + id.length() + " characters long";
        } else {
            int bad = 0;
            while (isIdCharacter(id.charAt(bad))) {
                bad++;
            }
            problem = "it contains '" + id.charAt(bad) + "' at position " + (bad + 1);
        }
        throw new KeySpecException("encryption key id (the part before ':') must be 1 to " + MAX_ID_LENGTH
                + " characters of A-Z, a-z, 0-9, '_' and '-'; " + problem);
    }

    private static boolean isIdCharacter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static byte[] decodeBase64(String id, String text) {
        if (text.isEmpty()) {
            throw new KeySpecException("encryption key '" + id + "' has nothing after ':'; write the key in Base64");
        }
        boolean standard = text.indexOf('+') >= 0 || text.indexOf('/') >= 0;
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        if (standard && urlSafe) {
            throw new KeySpecException("encryption key '" + id + "' mixes standard ('+', '/') and URL-safe ('-', '_')"
                    + " Base64 characters; use one alphabet");
        }
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character; ours does not, and the cause is left out too.
            throw new KeySpecException("encryption key '" + id + "' is not valid Base64 (standard or URL-safe,"
                    + " padding optional, no spaces inside)");
        }
    }

    /** Two keys are equal when id and key bytes are; the bytes are compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey that && id.equals(that.id)
                && MessageDigest.isEqual(key.getEncoded(), that.key.getEncoded());
    }

    /** Hashes the id only, so that the hash code carries nothing derived from the key. */
    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Returns a redacted description: the id and length, never the key. */
    @Override
    public String toString() {
        return "EncryptionKey[id=" + id + ", " + bits() + " bits, redacted]";
    }
}
