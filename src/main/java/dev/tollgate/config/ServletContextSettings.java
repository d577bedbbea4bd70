package dev.tollgate.config;

import jakarta.servlet.ServletContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads Tollgate's settings for a web application: the only class of this package that knows the Servlet API.
 *
 * <pre>{@code
 * TollgateSettings settings = ServletContextSettings.read(servletContext);
 * }</pre>
 *
 * <p>Settings are looked up as system properties, then environment variables, then the context's init parameters
 * ({@code <context-param>} in {@code web.xml}); the issuer falls back to the application's
 * {@code <display-name>}, and to {@value TollgateSettings#DEFAULT_ISSUER} when there is none or it cannot be an
 * issuer (it contains a colon, for instance).
 */
public final class ServletContextSettings {

    private ServletContextSettings() {
    }

    /**
     * Reads and validates the settings of a web application, using the real system properties and environment.
     *
     * @param context the application's servlet context
     * @return the snapshot
     * @throws ConfigurationException at the first missing or invalid setting, naming it
     */
    public static TollgateSettings read(ServletContext context) {
        return read(context, systemProperties(), System.getenv());
    }

    /**
     * Returns the layered lookup for a web application, using the real system properties and environment.
     *
     * @param context the application's servlet context
     * @return system properties, then environment variables, then context init parameters
     */
    public static SettingSource source(ServletContext context) {
        return source(context, systemProperties(), System.getenv());
    }

    /** Reads with given system properties and environment; package-private so that tests can pass maps. */
    static TollgateSettings read(ServletContext context, Map<String, String> systemProperties,
            Map<String, String> environment) {
        return TollgateSettings.read(source(context, systemProperties, environment), issuerFallback(context));
    }

    static SettingSource source(ServletContext context, Map<String, String> systemProperties,
            Map<String, String> environment) {
        Objects.requireNonNull(context, "context");
        return SettingSource.layered(systemProperties, environment,
                key -> Optional.ofNullable(context.getInitParameter(key)));
    }

    /** The display name is a sensible default title in the user's authenticator app, when it can be one. */
    static String issuerFallback(ServletContext context) {
        String displayName = context.getServletContextName();
        if (displayName != null && Rules.isValidIssuer(displayName.strip())) {
            return displayName.strip();
        }
        return TollgateSettings.DEFAULT_ISSUER;
    }

    /** Copies the system properties once, so that the lookup sees one consistent snapshot. */
    private static Map<String, String> systemProperties() {
        Properties properties = System.getProperties();
        Map<String, String> copy = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            copy.put(name, properties.getProperty(name));
        }
        return copy;
    }
}
