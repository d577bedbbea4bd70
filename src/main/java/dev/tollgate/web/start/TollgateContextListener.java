package dev.tollgate.web.start;

import dev.tollgate.TollgateException;
import dev.tollgate.config.ServletContextSettings;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.TollgatePersistence;
import dev.tollgate.twostep.UseCases;
import dev.tollgate.web.ApiServlet;
import dev.tollgate.web.FirstFactor;
import dev.tollgate.web.HeldLogins;
import dev.tollgate.web.PagesServlet;
import dev.tollgate.web.RealmFirstFactor;
import dev.tollgate.web.TollgateFilter;
import dev.tollgate.web.TollgateWeb;
import dev.tollgate.web.mechanism.MechanismFirstFactor;
import dev.tollgate.web.mechanism.TollgateExtension;
import dev.tollgate.event.SecurityEvent;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Starts Tollgate in a web application: reads and checks the settings, opens the factor store, and registers the
 * filter (first in the chain), the JSON API and the pages under the base path. Declared in the jar's
 * {@code META-INF/web-fragment.xml}, so dropping the jar into {@code WEB-INF/lib} is all it takes.
 *
 * <p>A setting that is missing or wrong fails the deployment with a message that names the key: an application that
 * believes it has a second factor must not start without one.
 */
public class TollgateContextListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(TollgateContextListener.class.getName());
    /** The servlet context attribute that keeps the persistence unit until the application stops. */
    private static final String PERSISTENCE = TollgateContextListener.class.getName() + ".persistence";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            TollgateSettings settings = ServletContextSettings.read(context);
            MfaPolicy policy = new MfaPolicy(settings.policy(),
                    settings.policyRoles());
            EntityManagerFactory emf = TollgatePersistence.open(lookup(settings.dataSource()),
                    settings.schemaGeneration(), context.getContextPath());
            boolean mechanism = mechanismWrapped();
            Composition composition = Composition.of(settings, policy, emf, Clock.systemUTC(), new SecureRandom(),
                    cdiEvents());
            FirstFactor firstFactor = mechanism ? new MechanismFirstFactor() : new RealmFirstFactor();
            TollgateWeb web = TollgateWeb.of(settings, composition.useCases(), firstFactor, mechanism);
            context.setAttribute(PERSISTENCE, emf);
            context.setAttribute(HeldLogins.ATTRIBUTE, new HeldLogins(web));
            context.setAttribute(dev.tollgate.admin.AccountAdministration.ATTRIBUTE, composition.administration());
            context.setAttribute(UseCases.ATTRIBUTE, composition.useCases());
            register(context, web);
            LOG.info(() -> "Tollgate: second factor active for " + displayName(context) + " (policy "
                    + settings.policy().code() + ", " + (mechanism ? "Jakarta Security mechanism"
                    : "container login") + ", pages under " + settings.basePath() + ")");
        } catch (TollgateException e) {
            LOG.log(Level.SEVERE, "Tollgate could not start in " + displayName(context) + ": " + e.getMessage());
            throw new IllegalStateException("Tollgate could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object persistence = event.getServletContext().getAttribute(PERSISTENCE);
        if (persistence instanceof EntityManagerFactory emf && emf.isOpen()) {
            emf.close();
        }
    }

    private static void register(ServletContext context, TollgateWeb web) {
        FilterRegistration.Dynamic filter = context.addFilter("tollgate-filter", new TollgateFilter(web));
        // isMatchAfter=false: before every filter the application declares, so nothing runs ahead of the check;
        // forwards, includes and error pages reach application code too, at other paths, and are decided again
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD,
                DispatcherType.INCLUDE, DispatcherType.ERROR), false, "/*");
        filter.setAsyncSupported(true);
        String basePath = web.settings().basePath();
        ServletRegistration.Dynamic api = context.addServlet("tollgate-api", new ApiServlet(web));
        api.addMapping(basePath + "/api/*");
        ServletRegistration.Dynamic pages = context.addServlet("tollgate-pages", new PagesServlet(web));
        pages.addMapping(basePath + "/*");
    }

    /** Fires each security event as a CDI event too, where CDI is there, so applications can observe it. */
    private static List<Consumer<SecurityEvent>> cdiEvents() {
        try {
            BeanManager beans = CDI.current().getBeanManager();
            return List.of(event -> beans.getEvent().select(SecurityEvent.class).fire(event));
        } catch (IllegalStateException noCdi) {
            return List.of();
        }
    }

    private static boolean mechanismWrapped() {
        try {
            TollgateExtension extension = CDI.current().getBeanManager().getExtension(TollgateExtension.class);
            return extension.mechanismFound();
        } catch (IllegalStateException | IllegalArgumentException noCdi) {
            return false;
        }
    }

    private static DataSource lookup(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new dev.tollgate.config.ConfigurationException(TollgateSettings.DATA_SOURCE + " is '" + name
                    + "', which names no data source here; point it at a JTA data source of the server (for"
                    + " PostgreSQL, a JDBC resource), or leave it unset for java:comp/DefaultDataSource");
        }
    }

    private static String displayName(ServletContext context) {
        String path = context.getContextPath();
        return path.isEmpty() ? "the root application" : path;
    }
}
