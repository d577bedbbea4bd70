package dev.tollgate.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Opens Tollgate's own {@link EntityManagerFactory} on a data source chosen at start-up.
 *
 * <pre>{@code
 * EntityManagerFactory emf = TollgatePersistence.open(dataSource, SchemaGeneration.CREATE, "/shop");
 * FactorStore factors = new FactorStore(emf);
 * }</pre>
 */
public final class TollgatePersistence {

    private static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";

    private TollgatePersistence() {
    }

    /** Whether Tollgate creates its tables at start-up. */
    public enum SchemaGeneration {
        /** Create missing tables and columns at start-up (the default; harmless when they exist). */
        CREATE,
        /** Touch no schema: a database administrator ran the DDL. */
        NONE
    }

    /**
     * Opens the persistence unit.
     *
     * @param dataSource the data source, for example {@code java:comp/DefaultDataSource}
     * @param schema     whether to create the tables
     * @param owner      a name for logs and EclipseLink's session registry, for example the context path; two
     *                   applications in one server get separate sessions
     * @return the factory; close it when the application stops
     * @throws StoreUnavailableException if no provider is installed or the database cannot be reached
     */
    public static EntityManagerFactory open(DataSource dataSource, SchemaGeneration schema, String owner) {
        ClassLoader loader = TollgatePersistence.class.getClassLoader();
        TollgatePersistenceUnit unit = new TollgatePersistenceUnit(dataSource, loader);
        PersistenceProvider provider = provider();
        Map<String, Object> properties = new HashMap<>();
        if (provider.getClass().getName().equals(ECLIPSELINK)) {
            // EclipseLink keeps sessions in a static registry by name: a unique name keeps two applications apart
            properties.put("eclipselink.session-name", "tollgate" + owner + "-" + UUID.randomUUID());
            properties.put("eclipselink.weaving", "false");
            properties.put("eclipselink.target-server", "None");
            properties.put("eclipselink.deploy-on-startup", "true");
            properties.put("eclipselink.jdbc.bind-parameters", "true");
            properties.put("eclipselink.logging.level", System.getProperty("tollgate.eclipselink.log", "WARNING"));
            properties.put("eclipselink.logging.logger", "JavaLogger");
            if (schema == SchemaGeneration.CREATE) {
                properties.put("eclipselink.ddl-generation", "create-or-extend-tables");
                properties.put("eclipselink.ddl-generation.output-mode", "database");
            }
        } else if (schema == SchemaGeneration.CREATE) {
            properties.put("jakarta.persistence.schema-generation.database.action", "create");
        }
        try {
            EntityManagerFactory factory = provider.createContainerEntityManagerFactory(unit, properties);
            factory.createEntityManager().close(); // connect now: a wrong data source fails the deployment
            return factory;
        } catch (PersistenceException | IllegalStateException e) {
            throw new StoreUnavailableException("opening the persistence unit for " + owner, e);
        }
    }

    private static PersistenceProvider provider() {
        List<PersistenceProvider> providers =
                PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders();
        if (providers.isEmpty()) {
            throw new IllegalStateException("No Jakarta Persistence provider is available; Tollgate needs the"
                    + " server's (EclipseLink on Payara and GlassFish)");
        }
        return providers.stream()
                .filter(p -> p.getClass().getName().equals(ECLIPSELINK))
                .findFirst()
                .orElse(providers.get(0));
    }
}
