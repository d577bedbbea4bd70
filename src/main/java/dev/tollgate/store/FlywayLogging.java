package dev.tollgate.store;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Sends Flyway's log to {@code java.util.logging}, where the rest of Tollgate's goes. Not for integrators: Flyway
 * instantiates it by name, hence public.
 *
 * <p>Why not Flyway's detection: it picks SLF4J when the API is on the class path, and an application gets
 * slf4j-api with webauthn4j, often without a provider, so "Migrating schema to version 1" would vanish.
 */
public final class FlywayLogging implements LogCreator {

    /** For Flyway, which creates it by its class name. */
    public FlywayLogging() {
    }

    @Override
    public Log createLogger(Class<?> source) {
        Logger logger = Logger.getLogger(source.getName());
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return logger.isLoggable(Level.FINE);
            }

            @Override
            public void debug(String message) {
                logger.fine(message);
            }

            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warning(message);
            }

            @Override
            public void error(String message) {
                logger.severe(message);
            }

            @Override
            public void error(String message, Exception e) {
                logger.log(Level.SEVERE, message, e);
            }

            @Override
            public void notice(String message) {
                // Flyway's notices are about its commercial editions: nothing an operator of Tollgate acts on
                logger.fine(message);
            }
        };
    }
}
