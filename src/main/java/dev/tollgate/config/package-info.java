/**
 * Tollgate's settings, read in one place: from system properties, environment variables and servlet context init
 * parameters, validated once at start-up into a {@link dev.tollgate.config.TollgateSettings} snapshot.
 *
 * <p>Everything here except {@link dev.tollgate.config.ServletContextSettings} is plain Java, so the rules are
 * tested without a server: build a {@link dev.tollgate.config.SettingSource} from maps and read it.
 */
package dev.tollgate.config;
