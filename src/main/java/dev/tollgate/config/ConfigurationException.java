package dev.tollgate.config;

import dev.tollgate.TollgateException;

/**
 * A Tollgate setting that is missing or unusable, found at start-up. Its error code is {@code configuration_error}.
 *
 * <p>The message names the setting, repeats the bad value (unless it holds key material) and says what is allowed,
 * so that an operator can fix the deployment from the log line alone.
 */
public class ConfigurationException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the setting, the bad value and what is allowed, free of secrets
     */
    public ConfigurationException(String message) {
        super("configuration_error", message);
    }

    /**
     * Creates the exception with the lower-level cause.
     *
     * @param message names the setting, the bad value and what is allowed, free of secrets
     * @param cause   the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super("configuration_error", message, cause);
    }
}
