package dev.tollgate.factor;

import dev.tollgate.TollgateException;

/**
 * A WebAuthn answer that was refused: malformed, for another challenge, origin or relying party, without user
 * presence, or with a bad signature. The message says which, for people; the error code is
 * {@code invalid_credential}.
 */
public final class WebAuthnException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without any credential data
     * @param cause   the library's finding, or null
     */
    public WebAuthnException(String message, Throwable cause) {
        super("invalid_credential", message, cause);
    }
}
