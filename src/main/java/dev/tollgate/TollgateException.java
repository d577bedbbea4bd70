package dev.tollgate;

/**
 * The root of every expected failure Tollgate reports: bad input, a wrong code, an expired transaction.
 *
 * <p>Each failure carries a stable, machine-readable {@linkplain #error() error code} (the {@code error} field of
 * the JSON API) and a human message that says what went wrong and what to do. Messages never contain a secret, a
 * code or a recovery code, so they are safe to log and to show.
 */
public abstract class TollgateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;

    /**
     * Creates an exception with its stable error code and its human message.
     *
     * @param error   the stable error code, for example {@code invalid_request}
     * @param message what went wrong and what to do, free of secrets
     */
    protected TollgateException(String error, String message) {
        super(message);
        this.error = error;
    }

    /**
     * Creates an exception that wraps a lower-level cause.
     *
     * @param error   the stable error code
     * @param message what went wrong and what to do, free of secrets
     * @param cause   the underlying failure
     */
    protected TollgateException(String error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /**
     * Returns the stable error code that clients can branch on.
     *
     * @return the error code, for example {@code invalid_code}
     */
    public String error() {
        return error;
    }
}
