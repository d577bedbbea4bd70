package dev.tollgate.otp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC (RFC 2104) of many short messages under one key, as a verification window needs: the key's inner and outer
 * padded blocks are hashed once, and each message then costs two hash blocks instead of four.
 *
 * <p>{@code H(K XOR opad, H(K XOR ipad, text))}, section 2 of RFC 2104, with the digest states after the two padded
 * keys kept and cloned for each message. {@link javax.crypto.Mac} computes the same, but hashes both padded keys
 * again for every message; {@code HmacTest} checks this class against it for every algorithm and key length.
 * Instances hold key-derived state: they live for one verification and are never shared between threads.
 */
final class Hmac {

    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerHash;

    private Hmac(MessageDigest inner, MessageDigest outer) {
        this.inner = inner;
        this.outer = outer;
        this.innerHash = new byte[inner.getDigestLength()];
    }

    /**
     * A digest engine to clone from: {@link MessageDigest#getInstance(String)} looks up a provider each time, which
     * costs about as much as a whole HMAC of a short message.
     */
    static MessageDigest prototype(HashAlgorithm algorithm) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance(digestName(algorithm));
        clone(digest); // fails now, not during a sign-in, if the provider's engine cannot be cloned
        return digest;
    }

    /**
     * Prepares the HMAC of one key.
     *
     * @param prototype an unused digest engine from {@link #prototype(HashAlgorithm)}; only cloned
     * @param algorithm the algorithm the prototype computes
     * @param key       the key; not modified
     */
    static Hmac keyed(MessageDigest prototype, HashAlgorithm algorithm, byte[] key) throws NoSuchAlgorithmException {
        int blockSize = blockSize(algorithm);
        MessageDigest inner = clone(prototype);
        MessageDigest outer = clone(prototype);
        // RFC 2104 section 2: a key longer than the block is hashed first; a shorter one is padded with zeros
        byte[] padded = new byte[blockSize];
        if (key.length > blockSize) {
            byte[] hashedKey = inner.digest(key);
            System.arraycopy(hashedKey, 0, padded, 0, hashedKey.length);
            Arrays.fill(hashedKey, (byte) 0);
        } else {
            System.arraycopy(key, 0, padded, 0, key.length);
        }
        for (int i = 0; i < blockSize; i++) {
            padded[i] ^= IPAD;
        }
        inner.update(padded);
        for (int i = 0; i < blockSize; i++) {
            padded[i] ^= IPAD ^ OPAD;
        }
        outer.update(padded);
        Arrays.fill(padded, (byte) 0);
        return new Hmac(inner, outer);
    }

    /**
     * Computes the HMAC of one message.
     *
     * @param message the text
     * @param output  receives the HMAC at index 0; at least the digest's length
     */
    void compute(byte[] message, byte[] output) throws NoSuchAlgorithmException, DigestException {
        MessageDigest innerRun = clone(inner);
        innerRun.update(message);
        innerRun.digest(innerHash, 0, innerHash.length);
        MessageDigest outerRun = clone(outer);
        outerRun.update(innerHash);
        outerRun.digest(output, 0, outer.getDigestLength());
    }

    /** The length of an HMAC in bytes. */
    int length() {
        return outer.getDigestLength();
    }

    private static MessageDigest clone(MessageDigest digest) throws NoSuchAlgorithmException {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new NoSuchAlgorithmException("the " + digest.getAlgorithm() + " engine of "
                    + digest.getProvider() + " cannot be cloned", e);
        }
    }

    private static String digestName(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA512 -> "SHA-512";
        };
    }

    /** The block size B of RFC 2104 section 2: 64 bytes for SHA-1 and SHA-256, 128 for SHA-512 (FIPS 180-4). */
    private static int blockSize(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1, SHA256 -> 64;
            case SHA512 -> 128;
        };
    }
}
