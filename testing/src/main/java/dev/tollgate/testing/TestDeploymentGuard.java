package dev.tollgate.testing;

import dev.tollgate.config.ServletContextSettings;
import dev.tollgate.config.SettingSource;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fails the deployment of an application that has this artifact in {@code WEB-INF/lib} without saying that it is a
 * test deployment: {@link TollgateTestUsers} enrols factors for users without them, which must never be possible in
 * production. Declared in the artifact's {@code META-INF/web-fragment.xml}; nothing to call.
 *
 * <pre>{@code
 * <!-- the test deployment's web.xml, or -Dtollgate.testing.enabled=true on the test server -->
 * <context-param>
 *   <param-name>tollgate.testing.enabled</param-name>
 *   <param-value>true</param-value>
 * </context-param>
 * }</pre>
 *
 * <p>The setting is read as Tollgate reads its own: system property, then environment variable
 * ({@code TOLLGATE_TESTING_ENABLED}), then context parameter. Only {@code true} enables; anything else, or nothing,
 * fails the start. An application whose {@code web.xml} leaves fragments out ({@code metadata-complete},
 * {@code absolute-ordering}) does not run this listener, so {@link TollgateTestUsers} checks the same setting again
 * before its first use.
 */
public final class TestDeploymentGuard implements ServletContextListener {

    /** The setting that says the deployment is a test one. */
    public static final String ENABLED = "tollgate.testing.enabled";

    private static final Logger LOG = Logger.getLogger(TestDeploymentGuard.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            requireTestDeployment(ServletContextSettings.source(context));
        } catch (IllegalStateException refused) {
            LOG.log(Level.SEVERE, refused.getMessage());
            throw refused;
        }
    }

    /**
     * Refuses unless the setting says this is a test deployment.
     *
     * @param settings where the application's settings come from
     * @throws IllegalStateException naming the setting, if it is not {@code true}
     */
    static void requireTestDeployment(SettingSource settings) {
        String value = settings.get(ENABLED).map(String::trim).orElse(null);
        if (!"true".equals(value)) {
            throw new IllegalStateException("tollgate-testing is in this deployment but " + ENABLED + " is "
                    + (value == null ? "not set" : "'" + value + "'") + ": it enrols second factors for users"
                    + " without them, so it must never be in a production deployment. Keep the jar in test scope, and"
                    + " set " + ENABLED + "=true (context parameter, system property or TOLLGATE_TESTING_ENABLED)"
                    + " only in the test deployment");
        }
    }
}
