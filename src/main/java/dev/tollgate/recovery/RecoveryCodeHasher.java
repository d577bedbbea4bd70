package dev.tollgate.recovery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes recovery codes with HMAC-SHA-256 under a server key, so that the database holds nothing that signs anyone
 * in: a stolen table cannot even be brute-forced offline without the key, which lives in configuration, not in the
 * database. A slow password hash is not needed for 60 random bits, and would make sign-in slow.
 *
 * <p>Each hash names the key it was made with ({@code <keyId>:<base64>}), so keys rotate like the encryption keys:
 * old hashes keep working while their key is configured.
 *
 * <pre>{@code
 * RecoveryCodeHasher hasher = new RecoveryCodeHasher("2026a", Map.of("2026a", keyBytes));
 * String stored = hasher.hash(code);
 * boolean ok = hasher.matches(typed, stored);   // constant-time
 * }</pre>
 */
public final class RecoveryCodeHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final String activeKeyId;
    private final Map<String, byte[]> keys;

    /**
     * Creates a hasher.
     *
     * @param activeKeyId the key new hashes are made with
     * @param keys        every key that may have made a stored hash, by id; at least 32 bytes each
     * @throws IllegalArgumentException if the active key is missing or a key is too short
     */
    public RecoveryCodeHasher(String activeKeyId, Map<String, byte[]> keys) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active recovery-code key '" + activeKeyId + "' is not among the keys");
        }
        keys.forEach((id, key) -> {
            if (key.length < 16) {
                throw new IllegalArgumentException("recovery-code key '" + id + "' must have at least 128 bits");
            }
        });
        this.activeKeyId = activeKeyId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * Hashes a code under the active key.
     *
     * @param code the code
     * @return {@code <keyId>:<base64 HMAC>}
     */
    public String hash(RecoveryCode code) {
        return activeKeyId + ":" + Base64.getEncoder().encodeToString(hmac(keys.get(activeKeyId), code));
    }

    /**
     * Tells, in constant time, whether a code is the one behind a stored hash.
     *
     * @param code   the typed code
     * @param stored a hash made by {@link #hash(RecoveryCode)}
     * @return true if they match; false also when the hash names a key that is no longer configured
     */
    public boolean matches(RecoveryCode code, String stored) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        if (colon < 0) {
            return false;
        }
        byte[] key = keys.get(stored.substring(0, colon));
        if (key == null) {
            return false;
        }
        byte[] expected = stored.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = Base64.getEncoder().encodeToString(hmac(key, code)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] hmac(byte[] key, RecoveryCode code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update("tollgate-recovery-code-v1:".getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(code.canonicalBytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot compute HmacSHA256, which every Java SE runtime"
                    + " must provide", e);
        }
    }
}
