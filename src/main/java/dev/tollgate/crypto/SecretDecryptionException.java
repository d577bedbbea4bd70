package dev.tollgate.crypto;

import dev.tollgate.TollgateException;
import java.util.Objects;

/**
 * A stored secret that cannot be decrypted. Its error code is {@code secret_decryption_failed}, and its
 * {@link #reason()} says which of three things happened, because each calls for a different response:
 *
 * <ul>
 *   <li>{@link Reason#MALFORMED_TOKEN}: the stored text is not a Tollgate token at all (for example a secret stored
 *       before encryption was enabled, or a truncated column);</li>
 *   <li>{@link Reason#UNKNOWN_KEY}: the token names a key that is no longer configured, an operator error that is
 *       fixed by configuring the key again;</li>
 *   <li>{@link Reason#AUTHENTICATION_FAILED}: AES-GCM refused the token: it was altered, copied from another record,
 *       or the key with that id now has different bytes. Treat it as a possible attack.</li>
 * </ul>
 *
 * <p>Messages never contain the token, the plaintext or key material.
 */
public class SecretDecryptionException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /** Why decryption failed. */
    public enum Reason {
        /** The text is not a well-formed {@code tg1.} token. */
        MALFORMED_TOKEN,
        /** The token's key id is not in the key ring. */
        UNKNOWN_KEY,
        /** The GCM tag did not verify: tampering, wrong associated data, or a different key under the same id. */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason  why decryption failed
     * @param message what went wrong and what to do, free of secrets
     */
    public SecretDecryptionException(Reason reason, String message) {
        super("secret_decryption_failed", message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates the exception with the lower-level cause.
     *
     * @param reason  why decryption failed
     * @param message what went wrong and what to do, free of secrets
     * @param cause   the underlying failure, for example an {@link javax.crypto.AEADBadTagException}
     */
    public SecretDecryptionException(Reason reason, String message, Throwable cause) {
        super("secret_decryption_failed", message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns why decryption failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
