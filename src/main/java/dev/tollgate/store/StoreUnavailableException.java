package dev.tollgate.store;

import dev.tollgate.TollgateException;

/**
 * The database could not be reached or refused the operation. Sign-in fails closed: the JSON API answers
 * {@code 503 {"error":"unavailable"}} and nothing is half-written, because every change runs in one transaction.
 */
public class StoreUnavailableException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation what was being done, for the log
     * @param cause     the database failure
     */
    public StoreUnavailableException(String operation, Throwable cause) {
        super("unavailable", "The second-factor store is unavailable (" + operation
                + "); try again shortly, and check the data source if this persists", cause);
    }
}
