package dev.tollgate.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings Tollgate's tables to the version this jar needs with Flyway: the SQL files under {@code db/tollgate} in the
 * jar, applied in order, recorded in Tollgate's own history table {@value #HISTORY_TABLE} so that an application's
 * own Flyway (and its {@code flyway_schema_history}) never sees them.
 *
 * <p>Three kinds of database arrive here:
 * <ul>
 *   <li>one with the history table: Flyway applies what is missing, under its lock: an advisory lock on PostgreSQL,
 *       so servers starting together apply each migration once; on H2, a row lock on the history, which does not
 *       hold while the history is being created, so starts on one embedded H2 are also ordered within the JVM (H2 is
 *       one server's embedded database, never a cluster's);</li>
 *   <li>one with Tollgate's tables but no history, made by {@code create-or-extend-tables}: its tables are first
 *       extended the old way (a table from before a column was added gets it, as it would have), then baselined at
 *       version 1, whose script describes exactly those tables, and the later migrations run; not a row is touched.
 *       Where today's {@code create-or-extend-tables} made the tables, the throttle's table of version 3 is there
 *       too, and the baseline is at version 3; where the transactions' use counts of version 4 are there, at 4;</li>
 *   <li>one without Tollgate's tables: version 1 creates them. The application's own tables may share the schema, so
 *       Flyway's refusal of a non-empty schema is answered with a baseline at version 0, below every migration.</li>
 * </ul>
 */
final class SchemaMigrations {

    static final String HISTORY_TABLE = "tollgate_schema_history";

    /**
     * Not Flyway's default {@code db/migration}, which is the application's. The folder holds an empty
     * {@code flyway.location}: Flyway finds a location through an IBM class loader (Open Liberty, WebSphere) only by
     * that file, since such a loader lists no folders.
     */
    static final String LOCATION = "classpath:db/tollgate";

    static final String LEGACY_BASELINE = "tables made by create-or-extend-tables";

    /** The tables of version 1: a schema with one of them but no history was made by create-or-extend-tables. */
    static final List<String> TABLES = List.of("tollgate_factor", "tollgate_recovery_code", "tollgate_account_lock",
            "tollgate_preference");

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    /** How often a server tries to migrate while another may be migrating the same database. */
    private static final int MIGRATION_ATTEMPTS = 8;

    private static final MigrationVersion FIRST = MigrationVersion.fromVersion("1");
    /** Orders the migrations of embedded H2 databases within this JVM, see {@link #migrate()}. */
    private static final Object EMBEDDED_H2 = new Object();

    /**
     * A table that a later migration creates: found in a database of {@code create-or-extend-tables} (which makes
     * every entity's table), that database already has what the migration makes, so it is baselined at its version.
     */
    static final String THROTTLE_TABLE = "tollgate_first_factor_throttle";
    private static final String THROTTLE_VERSION = "3";
    /** Likewise for version 4, which {@code create-or-extend-tables} makes since the cluster came. */
    static final String TRANSACTION_USE_TABLE = "tollgate_transaction_use";
    private static final String TRANSACTION_USE_VERSION = "4";

    /**
     * What one start did to the schema.
     *
     * @param version   the schema's version afterwards
     * @param applied   migrations this start applied
     * @param baselined whether this start found tables of {@code create-or-extend-tables} and baselined them
     */
    record Outcome(String version, int applied, boolean baselined) {
    }

    private final DataSource dataSource;
    private final ClassLoader classLoader;
    private final Runnable extendLegacyTables;

    /**
     * @param dataSource         the application's data source
     * @param classLoader        the loader of Tollgate's classes, whose jar holds the SQL files: in a WAR that is the
     *                           web application's loader, not the thread's, which a server may have set elsewhere
     * @param extendLegacyTables adds the missing columns and tables to a schema of {@code create-or-extend-tables}
     */
    SchemaMigrations(DataSource dataSource, ClassLoader classLoader, Runnable extendLegacyTables) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.extendLegacyTables = Objects.requireNonNull(extendLegacyTables, "extendLegacyTables");
    }

    Outcome migrate() {
        if (embeddedH2()) {
            // Flyway's lock on H2 does not hold while the history table is being made, and two starts at once could
            // both run version 1, one of them recording it as failed for good. An embedded H2 is reachable from one
            // JVM only, so a lock of this JVM is the whole lock (two applications of one server on its default data
            // source); every other database has Flyway's own (PostgreSQL: an advisory lock).
            synchronized (EMBEDDED_H2) {
                return migrateWithRetries();
            }
        }
        return migrateWithRetries();
    }

    private boolean embeddedH2() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("H2");
        } catch (SQLException e) {
            return false; // the migration's own connection reports why
        }
    }

    private Outcome migrateWithRetries() {
        String database = "the database";
        try {
            for (int attempt = 1; ; attempt++) {
                Inspection found = inspect();
                database = found.database();
                try {
                    return migrate(found);
                } catch (FlywayException e) {
                    // Two servers on a database without history both set out to create the history table, and
                    // Flyway's baseline of a non-empty schema trips over the other's half-made one; and Flyway
                    // validates before it takes its lock, so a server can see another's migrations half applied.
                    // Once the other is done, the history is whole: try again, a bounded number of times (about
                    // 10 s in all: on a loaded machine the other server's migrations take more than a moment).
                    if (attempt == MIGRATION_ATTEMPTS || !inspect().history()) {
                        throw e;
                    }
                    LOG.fine(() -> "Tollgate: another server migrated " + HISTORY_TABLE + " meanwhile: " + e);
                    pause(attempt);
                }
            }
        } catch (FlywayException | SQLException e) {
            throw new SchemaMigrationException("Tollgate could not migrate its tables on " + database
                    + " (tollgate.schemaGeneration=migrate): " + e.getMessage() + " On a database that Flyway does"
                    + " not support, such as Derby (GlassFish's default data source), set tollgate.schemaGeneration"
                    + " to create-or-extend-tables, or to none and run the SQL files of db/tollgate in the Tollgate"
                    + " jar yourself.", e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(250L * attempt, 2_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome migrate(Inspection found) {
        boolean legacy = found.legacy();
        if (legacy) {
            String version = found.transactionUseTable() ? TRANSACTION_USE_VERSION
                    : found.throttleTable() ? THROTTLE_VERSION : FIRST.getVersion();
            LOG.info(() -> "Tollgate: tables without " + HISTORY_TABLE + " found on " + found.database()
                    + ": made by create-or-extend-tables; baselining them at version " + version
                    + ", keeping their rows");
            extendLegacyTables.run();
            flyway(version).baseline();
        }
        Flyway flyway = flyway("0");
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion().compareTo(FIRST) < 0) {
            throw new SchemaMigrationException("Tollgate found no migration in " + LOCATION + " through "
                    + classLoader + ", so its tables were not created; the jar is incomplete or the server's class"
                    + " loader cannot list it: set tollgate.schemaGeneration=none and run the SQL files of"
                    + " db/tollgate in the jar yourself", null);
        }
        Outcome outcome = new Outcome(current.getVersion().getVersion(), result.migrationsExecuted, legacy);
        LOG.info(() -> "Tollgate: tables at version " + outcome.version() + " on " + found.database() + " ("
                + outcome.applied() + " migration(s) applied now, history in " + HISTORY_TABLE + ")");
        return outcome;
    }

    private Flyway flyway(String baselineVersion) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion(baselineVersion)
                // no quote in a description: Flyway writes it into the SQL of its PostgreSQL history table unescaped
                .baselineDescription(baselineVersion.equals("0") ? "before the Tollgate tables" : LEGACY_BASELINE)
                .validateMigrationNaming(true)
                .placeholderReplacement(false)
                .cleanDisabled(true)
                .loggers(FlywayLogging.class.getName())
                .load();
    }

    /** The database's name, and whether its default schema holds the history table, or Tollgate's tables without it. */
    private Inspection inspect() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            Set<String> tables = new HashSet<>();
            // H2 2 says "BASE TABLE" where others say "TABLE"
            try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE", "BASE TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            boolean history = tables.contains(HISTORY_TABLE);
            return new Inspection(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(), history,
                    !history && TABLES.stream().anyMatch(tables::contains), tables.contains(THROTTLE_TABLE),
                    tables.contains(TRANSACTION_USE_TABLE));
        }
    }

    private record Inspection(String database, boolean history, boolean legacy, boolean throttleTable,
            boolean transactionUseTable) {
    }
}
