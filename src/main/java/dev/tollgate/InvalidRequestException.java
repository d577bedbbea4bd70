package dev.tollgate;

/**
 * Input that cannot be processed as given: a malformed code, a secret that is not Base32, an unusable parameter.
 * Its error code is {@code invalid_request}; the message names the field and the rule it broke.
 */
public class InvalidRequestException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the field and says what a valid value looks like, free of secrets
     */
    public InvalidRequestException(String message) {
        super("invalid_request", message);
    }

    /**
     * Creates the exception with the lower-level cause.
     *
     * @param message names the field and says what a valid value looks like, free of secrets
     * @param cause   the underlying failure
     */
    public InvalidRequestException(String message, Throwable cause) {
        super("invalid_request", message, cause);
    }
}
