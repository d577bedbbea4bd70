package dev.tollgate.store;

import dev.tollgate.TollgateException;

/**
 * Tollgate's tables could not be brought to the version this jar needs ({@code tollgate.schemaGeneration=migrate}).
 * The application does not start: a second factor on a half-made schema would fail at the first sign-in instead.
 */
public class SchemaMigrationException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what the operator can do, naming the setting
     * @param cause   Flyway's or the database's failure
     */
    public SchemaMigrationException(String message, Throwable cause) {
        super("unavailable", message, cause);
    }
}
