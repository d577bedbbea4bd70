package dev.tollgate.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Opens Tollgate's own {@link EntityManagerFactory} on a data source chosen at start-up, after bringing its tables
 * to this version.
 *
 * <pre>{@code
 * EntityManagerFactory emf = TollgatePersistence.open(dataSource, SchemaGeneration.MIGRATE, "/shop");
 * FactorStore factors = new FactorStore(emf);
 * }</pre>
 */
public final class TollgatePersistence {

    private static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";

    private TollgatePersistence() {
    }

    /** What Tollgate does to its tables at start-up: the setting {@code tollgate.schemaGeneration}. */
    public enum SchemaGeneration {
        /**
         * Apply the versioned SQL migrations in the jar ({@code db/tollgate}) with Flyway, recorded in
         * {@code tollgate_schema_history}; tables of {@link #CREATE_OR_EXTEND_TABLES} are baselined, rows kept. The
         * default.
         */
        MIGRATE,
        /**
         * Let the persistence provider create missing tables and add missing columns (EclipseLink's
         * {@code create-or-extend-tables}): no history, never a change to an existing column; for databases Flyway
         * does not support, such as Derby.
         */
        CREATE_OR_EXTEND_TABLES,
        /** Touch no schema: a database administrator runs the SQL files of {@code db/tollgate}. */
        NONE;

        /**
         * Returns the value as written in the setting.
         *
         * @return for example {@code create-or-extend-tables}
         */
        public String settingValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Opens the persistence unit.
     *
     * @param dataSource the data source, for example {@code java:comp/DefaultDataSource}
     * @param schema     what to do to the tables first
     * @param owner      a name for logs and EclipseLink's session registry, for example the context path; two
     *                   applications in one server get separate sessions
     * @return the factory; close it when the application stops
     * @throws StoreUnavailableException if no provider is installed or the database cannot be reached
     * @throws SchemaMigrationException  if the tables cannot be migrated
     */
    public static EntityManagerFactory open(DataSource dataSource, SchemaGeneration schema, String owner) {
        // the loader of Tollgate's own classes finds the SQL files in its jar, wherever the thread's loader points
        ClassLoader loader = TollgatePersistence.class.getClassLoader();
        if (schema == SchemaGeneration.MIGRATE) {
            new SchemaMigrations(dataSource, loader,
                    () -> factory(new TollgatePersistenceUnit(dataSource, loader,
                            TollgatePersistenceUnit.VERSION_1_CLASSES), SchemaGeneration.CREATE_OR_EXTEND_TABLES,
                            owner).close())
                    .migrate();
        }
        return factory(new TollgatePersistenceUnit(dataSource, loader), schema, owner);
    }

    private static EntityManagerFactory factory(TollgatePersistenceUnit unit, SchemaGeneration schema, String owner) {
        PersistenceProvider provider = provider();
        Map<String, Object> properties = new HashMap<>();
        boolean generate = schema == SchemaGeneration.CREATE_OR_EXTEND_TABLES;
        if (provider.getClass().getName().equals(ECLIPSELINK)) {
            // EclipseLink keeps sessions in a static registry by name: a unique name keeps two applications apart
            properties.put("eclipselink.session-name", "tollgate" + owner + "-" + UUID.randomUUID());
            properties.put("eclipselink.weaving", "false");
            properties.put("eclipselink.target-server", "None");
            properties.put("eclipselink.deploy-on-startup", "true");
            properties.put("eclipselink.jdbc.bind-parameters", "true");
            properties.put("eclipselink.logging.level", System.getProperty("tollgate.eclipselink.log", "WARNING"));
            properties.put("eclipselink.logging.logger", "JavaLogger");
            if (generate) {
                properties.put("eclipselink.ddl-generation", "create-or-extend-tables");
                properties.put("eclipselink.ddl-generation.output-mode", "database");
            }
        } else if (generate) {
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
