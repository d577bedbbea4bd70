package dev.tollgate.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The keys that encrypt TOTP secrets at rest: one active key that encrypts, and older keys that only decrypt, so that
 * keys can be rotated without making stored secrets unreadable.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.parse("2025b:BASE64,2024a:BASE64");  // 2025b encrypts; 2024a still decrypts
 * String token = ring.encrypt(secretBytes, "factor:42");     // "tg1.2025b.<nonce>.<ciphertext and tag>"
 * byte[] again = ring.decrypt(token, "factor:42");
 * if (ring.needsRotation(token)) { store(ring.reencrypt(token, "factor:42")); }
 * }</pre>
 *
 * <h2>Key ring text</h2>
 * A comma-separated list of {@code id:base64} entries (see {@link EncryptionKey}). <strong>The first entry is the
 * active key</strong>; the others are kept only to decrypt what they encrypted. To rotate: generate a key, put it
 * first, keep the old one after it, re-encrypt the stored secrets (those for which {@link #needsRotation(String)} is
 * true), and only then remove the old key. Ids must be unique.
 *
 * <h2>Token format</h2>
 * {@code tg1.<keyId>.<nonce>.<ciphertext>}, where {@code tg1} is the format version, {@code nonce} the 96-bit random
 * GCM nonce and {@code ciphertext} the AES-GCM output with its 128-bit tag appended, both in unpadded URL-safe Base64
 * (RFC 4648 section 5). The text is ASCII without spaces or padding, so it fits a {@code VARCHAR} column: a
 * 160-bit secret under a 5-character key id makes a 75-character token, a 512-bit secret under a 32-character id a
 * 161-character one.
 *
 * <h2>What the encryption guarantees</h2>
 * AES-GCM (NIST SP 800-38D) gives confidentiality and integrity. The caller's associated data (for example
 * {@code "factor:42"}) is authenticated but not stored, so a token copied into another row or another user's record
 * fails to decrypt instead of handing over a working secret. The version and key id of the token are authenticated
 * too, so a token relabelled with another key id fails even if two ids share the same key bytes. Nonces are random:
 * SP 800-38D section 8.3 allows 2<sup>32</sup> encryptions per key that way, far beyond the secrets one application
 * stores; rotate keys long before that.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} shows key ids only.
 */
public final class KeyRing {

    /** The version prefix of every token this class writes. */
    public static final String TOKEN_PREFIX = "tg1";

    /** The GCM nonce length in bytes: 96 bits, the length SP 800-38D section 8.2 recommends. */
    static final int NONCE_BYTES = 12;
    /** The GCM tag length in bits: the full 128, as SP 800-38D section 5.2.1.2 recommends. */
    static final int TAG_BITS = 128;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Map<String, EncryptionKey> keys;
    private final EncryptionKey active;
    private final SecureRandom random;

    private KeyRing(Map<String, EncryptionKey> keys, SecureRandom random) {
        this.keys = Collections.unmodifiableMap(keys);
        this.active = keys.values().iterator().next();
        this.random = random;
    }

    /**
     * Reads a key ring from its text, with a new {@link SecureRandom} for nonces.
     *
     * @param spec comma-separated {@code id:base64} entries, the active key first; spaces around entries are ignored
     * @return the key ring
     * @throws KeySpecException if the text is empty, an entry is malformed, or an id appears twice; the message names
     *                          the entry by position and never repeats key material
     */
    public static KeyRing parse(String spec) {
        return of(KeyRingText.entries(spec), new SecureRandom());
    }

    /**
     * Builds a key ring from keys.
     *
     * @param keys   the active key first, then the keys that only decrypt
     * @param random the source of nonces; pass a {@link SecureRandom}
     * @return the key ring
     * @throws KeySpecException if there is no key or an id appears twice
     */
    public static KeyRing of(List<EncryptionKey> keys, SecureRandom random) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(random, "random");
        if (keys.isEmpty()) {
            throw new KeySpecException("key ring is empty: it needs at least one key, the active key");
        }
        Map<String, EncryptionKey> byId = new LinkedHashMap<>();
        for (EncryptionKey key : keys) {
            Objects.requireNonNull(key, "key");
            if (byId.putIfAbsent(key.id(), key) != null) {
                // Two keys under one id would make every token with that id ambiguous.
                throw new KeySpecException("key ring has the key id '" + key.id() + "' twice; every key needs its"
                        + " own id");
            }
        }
        return new KeyRing(byId, random);
    }

    /**
     * Generates the text of a new AES-256 key under a random id such as {@code k3f9a0c2e}, for an operator to put
     * first in the key ring.
     *
     * @param random the source of randomness; pass a {@link SecureRandom}
     * @return {@code id:base64}; it contains the key, so never log it
     */
    public static String generateKeySpec(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return generateKeySpec(String.format("k%08x", random.nextInt()), random);
    }

    /**
     * Generates the text of a new AES-256 key under a chosen id.
     *
     * @param keyId  the id, 1 to {@value EncryptionKey#MAX_ID_LENGTH} characters of {@code [A-Za-z0-9_-]}
     * @param random the source of randomness; pass a {@link SecureRandom}
     * @return {@code id:base64}; it contains the key, so never log it
     * @throws KeySpecException if the id is invalid
     */
    public static String generateKeySpec(String keyId, SecureRandom random) {
        return EncryptionKey.generate(keyId, random).toSpec();
    }

    /**
     * Prints a new key ring entry, so that operators can make a key with the jar alone:
     * {@code java -cp tollgate.jar dev.tollgate.crypto.KeyRing [keyId]}. The id defaults to today's UTC date, such
     * as {@code 2025-06-01}.
     *
     * @param args an optional key id
     */
    public static void main(String[] args) {
        String keyId = args.length > 0 ? args[0] : LocalDate.now(ZoneOffset.UTC).toString();
        try {
            System.out.println(generateKeySpec(keyId, new SecureRandom()));
        } catch (KeySpecException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Derives one sub-key per configured key for another purpose, such as keyed hashing of recovery codes, so that one
     * secret in configuration serves both and rotates with the ring. Each sub-key is HMAC-SHA-256 of the purpose under
     * the key (the expand step of RFC 5869 with a single block), and differs for every purpose.
     *
     * @param purpose a fixed label, for example {@code recovery-code-hash}
     * @return 256-bit sub-keys by key id, the active key's id first
     */
    public Map<String, byte[]> derivedKeys(String purpose) {
        Map<String, byte[]> derived = new LinkedHashMap<>();
        keys.values().forEach(key -> derived.put(key.id(), key.derive(purpose)));
        return derived;
    }

    /**
     * Returns the id of the key that encrypts.
     *
     * @return the first key's id
     */
    public String activeKeyId() {
        return active.id();
    }

    /**
     * Returns every key id, the active one first.
     *
     * @return an unmodifiable list
     */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /**
     * Encrypts a secret with the active key.
     *
     * @param plaintext      the secret bytes; not modified
     * @param associatedData what the secret belongs to, for example {@code "factor:42"}; authenticated, not stored,
     *                       and required again to decrypt
     * @return a token {@code tg1.<keyId>.<nonce>.<ciphertext>}
     */
    public String encrypt(byte[] plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String header = Token.header(active.id());
        byte[] ciphertext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, active.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(header, associatedData));
            ciphertext = cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM encryption is unavailable in this Java runtime", e);
        }
        return new Token(active.id(), nonce, ciphertext).text();
    }

    /**
     * Decrypts a token made by {@link #encrypt(byte[], String)} with whichever key of the ring it names.
     *
     * @param token          the stored token
     * @param associatedData the same associated data that was given to {@code encrypt}
     * @return the secret bytes
     * @throws SecretDecryptionException if the token is malformed, its key is not in the ring, or it does not
     *                                   authenticate (altered, or associated data or key bytes differ)
     */
    public byte[] decrypt(String token, String associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        Token parsed = Token.parse(token);
        EncryptionKey key = keys.get(parsed.keyId());
        if (key == null) {
            throw new SecretDecryptionException(SecretDecryptionException.Reason.UNKNOWN_KEY,
                    "the secret was encrypted with key '" + parsed.keyId() + "', which is missing from the key ring"
                    + " (configured: " + String.join(", ", keys.keySet()) + "); add key '" + parsed.keyId()
                    + "' back after the active key, and keep it configured until every secret encrypted with it"
                    + " has been re-encrypted");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, parsed.nonce()));
            cipher.updateAAD(aad(parsed.header(), associatedData));
            return cipher.doFinal(parsed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException(SecretDecryptionException.Reason.AUTHENTICATION_FAILED,
                    "the secret encrypted with key '" + parsed.keyId() + "' failed authentication: it was altered,"
                    + " it belongs to another record (the associated data differs), or key '" + parsed.keyId()
                    + "' now has different bytes than when it encrypted the secret", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM decryption is unavailable in this Java runtime", e);
        }
    }

    /**
     * Tells whether a token should be re-encrypted because the active key did not encrypt it.
     *
     * @param token the stored token
     * @return true when the token's key id is not the active key's, including when that key is no longer in the ring
     * @throws SecretDecryptionException if the token is malformed
     */
    public boolean needsRotation(String token) {
        return !Token.parse(token).keyId().equals(active.id());
    }

    /**
     * Re-encrypts a token under the active key, the step that lets an old key be removed.
     *
     * @param token          the stored token
     * @param associatedData the associated data it was encrypted with
     * @return the token unchanged if the active key made it, otherwise a new token under the active key
     * @throws SecretDecryptionException if the token cannot be decrypted
     */
    public String reencrypt(String token, String associatedData) {
        if (!needsRotation(token)) {
            return token;
        }
        byte[] plaintext = decrypt(token, associatedData);
        try {
            return encrypt(plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The GCM AAD: the token's header (version and key id) and then the caller's data; the header ends in a dot
     *  and the id has none, so the split between the two is unambiguous. */
    private static byte[] aad(String header, String associatedData) {
        return (header + associatedData).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the key ids, the active one marked; never key material. */
    @Override
    public String toString() {
        return "KeyRing[active=" + active.id() + ", keys=" + keys.keySet() + "]";
    }
}
