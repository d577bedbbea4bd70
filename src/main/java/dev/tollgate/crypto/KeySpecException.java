package dev.tollgate.crypto;

import dev.tollgate.TollgateException;

/**
 * Key text that cannot be used: a malformed {@code id:base64} entry, a key of the wrong length, a bad key id, an
 * empty key ring or a duplicated id. Its error code is {@code invalid_key_spec}.
 *
 * <p>The message says which entry is wrong and what a valid one looks like; it never repeats the key text, which may
 * hold key material.
 */
public class KeySpecException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the entry and the rule it broke, free of key material
     */
    public KeySpecException(String message) {
        super("invalid_key_spec", message);
    }
}
