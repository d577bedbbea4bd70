package dev.tollgate.crypto;

import java.util.Base64;
import java.util.Objects;

/**
 * The text form of an encrypted secret, {@code tg1.<keyId>.<nonce>.<ciphertext>} (see {@link KeyRing}), checked for
 * shape before any cryptography runs.
 *
 * @param keyId      the id of the key that encrypted it
 * @param nonce      the GCM nonce, {@value KeyRing#NONCE_BYTES} bytes
 * @param ciphertext the AES-GCM output with its tag appended
 */
record Token(String keyId, byte[] nonce, byte[] ciphertext) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /**
     * The part before the nonce, which the associated data authenticates along with the caller's data.
     *
     * @param keyId the key's id
     * @return {@code tg1.<keyId>.}
     */
    static String header(String keyId) {
        return KeyRing.TOKEN_PREFIX + '.' + keyId + '.';
    }

    String header() {
        return header(keyId);
    }

    /** Returns the token's text. */
    String text() {
        return header() + BASE64URL.encodeToString(nonce) + '.' + BASE64URL.encodeToString(ciphertext);
    }

    /**
     * Reads a stored token.
     *
     * @throws SecretDecryptionException with {@link SecretDecryptionException.Reason#MALFORMED_TOKEN}, naming what is
     *                                   wrong without repeating the text
     */
    static Token parse(String token) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", -1);
        if (!parts[0].equals(KeyRing.TOKEN_PREFIX)) {
            // The text is not repeated: a value that is not a token may be a secret stored in plaintext.
            throw malformed("it does not start with '" + KeyRing.TOKEN_PREFIX + ".' (it may be a secret stored before"
                    + " encryption was enabled, or a value from another system)");
        }
        if (parts.length != 4) {
            throw malformed("it has " + parts.length + (parts.length == 1 ? " part" : " dot-separated parts")
                    + " instead of 4 (" + KeyRing.TOKEN_PREFIX + ".<keyId>.<nonce>.<ciphertext>)");
        }
        String keyId = parts[1];
        if (!EncryptionKey.isValidId(keyId)) {
            throw malformed("its key id is not 1 to " + EncryptionKey.MAX_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        byte[] nonce = decode(parts[2], "nonce");
        if (nonce.length != KeyRing.NONCE_BYTES) {
            throw malformed("its nonce is " + nonce.length + " bytes instead of " + KeyRing.NONCE_BYTES);
        }
        byte[] ciphertext = decode(parts[3], "ciphertext");
        if (ciphertext.length < KeyRing.TAG_BITS / 8) {
            throw malformed("its ciphertext is " + ciphertext.length + " bytes, shorter than the "
                    + KeyRing.TAG_BITS / 8 + "-byte authentication tag (truncated?)");
        }
        return new Token(keyId, nonce, ciphertext);
    }

    private static byte[] decode(String text, String part) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("its " + part + " is not unpadded URL-safe Base64");
        }
        // One byte string, one text: refuses padding and stray low bits, so a token has a single spelling.
        if (!BASE64URL.encodeToString(bytes).equals(text)) {
            throw malformed("its " + part + " is not unpadded URL-safe Base64");
        }
        return bytes;
    }

    private static SecretDecryptionException malformed(String problem) {
        return new SecretDecryptionException(SecretDecryptionException.Reason.MALFORMED_TOKEN,
                "the stored secret is not a Tollgate encryption token: " + problem);
    }
}
