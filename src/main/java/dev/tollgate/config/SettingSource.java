package dev.tollgate.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Tollgate's settings come from: a lookup from a setting's name, such as {@code tollgate.basePath}, to its
 * text.
 *
 * <pre>{@code
 * SettingSource source = SettingSource.layered(systemProperties, System.getenv(), contextParameters::get);
 * TollgateSettings settings = TollgateSettings.read(source, "ACME");
 * }</pre>
 *
 * <p>A deployment normally uses {@link #layered(Map, Map, SettingSource)}, which looks in the system properties,
 * then the environment, then the servlet context's init parameters: an operator can override what the application
 * ships without rebuilding it. The maps are passed in rather than read from {@link System}, so that tests never
 * depend on, or change, the real ones; {@link ServletContextSettings} passes the real ones.
 *
 * <p>A source returns values as they are written; an empty value is a value, not an absence, so it hides the layers
 * below it. {@link TollgateSettings} trims values and decides per setting what an empty one means.
 */
@FunctionalInterface
public interface SettingSource {

    /**
     * Looks a setting up.
     *
     * @param key the setting's name, for example {@code tollgate.transaction.ttl}
     * @return its text, or empty if this source does not define it
     */
    Optional<String> get(String key);

    /**
     * Returns a source that asks this one first and the given one when this one has no value.
     *
     * @param fallback the source to ask next
     * @return the layered source
     */
    default SettingSource or(SettingSource fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return key -> {
            Optional<String> value = get(key);
            return value.isPresent() ? value : fallback.get(key);
        };
    }

    /**
     * Returns a source that defines nothing.
     *
     * @return the empty source
     */
    static SettingSource empty() {
        return key -> Optional.empty();
    }

    /**
     * Returns a source that looks the setting's name up in a map, as system properties and context parameters are.
     *
     * @param values setting names to values; read at each lookup, not copied
     * @return the source
     */
    public static SettingSource of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return key -> Optional.ofNullable(values.get(key));
    }

    /**
     * Returns a source that reads environment variables, whose names cannot contain dots: {@code tollgate.x.y} is
     * read from {@code TOLLGATE_X_Y} (see {@link #environmentVariableName(String)}).
     *
     * @param environment variable names to values, normally {@link System#getenv()}; read at each lookup
     * @return the source
     */
    static SettingSource environment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return key -> Optional.ofNullable(environment.get(environmentVariableName(key)));
    }

    /**
     * Returns the environment variable that carries a setting: upper case, with dots and dashes turned into
     * underscores.
     *
     * @param key the setting's name, for example {@code tollgate.transaction.maxAttempts}
     * @return for example {@code TOLLGATE_TRANSACTION_MAXATTEMPTS}
     */
    static String environmentVariableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Returns the standard lookup: system property, then environment variable, then servlet context init parameter.
     *
     * @param systemProperties  system properties by name, normally a copy of {@link System#getProperties()}
     * @param environment       environment variables by name, normally {@link System#getenv()}
     * @param contextParameters the servlet context's init parameters, the lowest layer
     * @return the layered source
     */
    static SettingSource layered(Map<String, String> systemProperties, Map<String, String> environment,
            SettingSource contextParameters) {
        return of(systemProperties).or(environment(environment)).or(contextParameters);
    }
}
