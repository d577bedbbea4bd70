package dev.tollgate.store;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Tollgate's persistence unit, described in code rather than in a {@code META-INF/persistence.xml}.
 *
 * <p>Why not a descriptor: the container deploys every {@code persistence.xml} it finds, fixed to one data source at
 * build time, and an application that has its own unit would then see two. Built here, the unit is private to
 * Tollgate, takes its data source from configuration at start-up ({@code java:comp/DefaultDataSource} or any JNDI
 * name, PostgreSQL included), and leaves the application's units alone.
 */
final class TollgatePersistenceUnit implements PersistenceUnitInfo {

    static final String NAME = "tollgate";

    /**
     * The entities of the tables that version 1 of the schema has: all that {@code create-or-extend-tables} may add to
     * a database of that kind before it is baselined at version 1, so that the later migrations still find their
     * tables missing and create them.
     */
    static final List<String> VERSION_1_CLASSES = List.of(
            FactorEntity.class.getName(),
            WebAuthnColumns.class.getName(),
            RecoveryCodeEntity.class.getName(),
            AccountLockEntity.class.getName(),
            PreferenceEntity.class.getName(),
            InstantConverter.class.getName());

    /**
     * Every entity: version 1's and those of later migrations (V2: the account stamps, V3: the throttle, V4: the
     * transactions' use counts).
     */
    static final List<String> MANAGED_CLASSES = java.util.stream.Stream.concat(VERSION_1_CLASSES.stream(),
            java.util.stream.Stream.of(AccountStampEntity.class.getName(), ThrottleEntity.class.getName(),
                    TransactionUseEntity.class.getName())).toList();

    private final DataSource dataSource;
    private final ClassLoader classLoader;
    private final List<String> managedClasses;

    TollgatePersistenceUnit(DataSource dataSource, ClassLoader classLoader) {
        this(dataSource, classLoader, MANAGED_CLASSES);
    }

    TollgatePersistenceUnit(DataSource dataSource, ClassLoader classLoader, List<String> managedClasses) {
        this.dataSource = dataSource;
        this.classLoader = classLoader;
        this.managedClasses = managedClasses;
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return null;
    }

    /**
     * Resource-local: Tollgate's writes are short, self-contained and must commit before the response (a factor is
     * either fully confirmed or not there), whatever transaction the application may have open.
     */
    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return FactorEntity.class.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    public List<String> getManagedClassNames() {
        return managedClasses;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    /**
     * No shared cache: several servers share the database, and a cached factor on one would miss a removal or a
     * replay-protection step written by another.
     */
    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // weaving is switched off (see TollgatePersistence): the entities need no lazy loading or change tracking
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
