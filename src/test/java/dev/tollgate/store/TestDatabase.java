package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one test: H2 2 in memory (Payara's default data source), or a schema of its own on the
 * PostgreSQL server named by {@code tollgate.postgres.url} (dropped again on {@link #close()}). Also reads the schema
 * and the rows back, in a form two databases can be compared in.
 */
final class TestDatabase implements AutoCloseable {

    static final String H2 = "h2";
    static final String POSTGRES = "postgres";

    private final String kind;
    private final DataSource dataSource;
    private final String dropSchema;

    private TestDatabase(String kind, DataSource dataSource, String dropSchema) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.dropSchema = dropSchema;
    }

    /**
     * The kinds to run on: H2 always, PostgreSQL when a server is named (or demanded by
     * {@code tollgate.requireExternalTools}, so that CI fails instead of skipping it).
     */
    static List<String> kinds() {
        boolean postgres = !postgresUrl().isBlank() || Boolean.getBoolean("tollgate.requireExternalTools");
        return postgres ? List.of(H2, POSTGRES) : List.of(H2);
    }

    static TestDatabase create(String kind) throws SQLException {
        if (kind.equals(H2)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:migrations" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return new TestDatabase(kind, h2, null);
        }
        String url = postgresUrl();
        if (url.isBlank()) {
            fail("tollgate.postgres.url is not set, and tollgate.requireExternalTools=true demands PostgreSQL");
        }
        String schema = "tollgate_test_" + Long.toUnsignedString(System.nanoTime(), 36);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setCurrentSchema(schema);
        return new TestDatabase(kind, pg, schema);
    }

    private static String postgresUrl() {
        return System.getProperty("tollgate.postgres.url", "");
    }

    String kind() {
        return kind;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs a script of statements separated by {@code ;} at line ends, ignoring {@code --} comment lines. */
    void runScript(String resource) throws SQLException, IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(resource), resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder statements = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                statements.append(line).append('\n');
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements.toString().split(";\\s*\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The tables of the default schema, in lower case. */
    Set<String> tables() throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rows = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
                        new String[] {"TABLE", "BASE TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /**
     * Tollgate's tables as the database describes them: per table every column with its type, size and nullability,
     * the primary key, and the indexes (by name when not unique; unique ones by columns, as the database names the
     * primary key's index itself). Column order is left out: it carries no meaning.
     */
    Set<String> tollgateSchema() throws SQLException {
        return schemaOf(SchemaMigrations.TABLES);
    }

    /** The tables' description, as {@link #tollgateSchema} gives it for version 1's. */
    Set<String> schemaOf(List<String> tables) throws SQLException {
        Set<String> schema = new TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : tables) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet rows = meta.getColumns(c.getCatalog(), c.getSchema(), name, null)) {
                    while (rows.next()) {
                        schema.add(table + " column " + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                                + rows.getInt("DATA_TYPE") + " " + rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT)
                                + "(" + rows.getInt("COLUMN_SIZE") + ") " + rows.getString("IS_NULLABLE"));
                    }
                }
                try (ResultSet rows = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), name)) {
                    while (rows.next()) {
                        schema.add(table + " primary key " + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                try (ResultSet rows = meta.getIndexInfo(c.getCatalog(), c.getSchema(), name, false, false)) {
                    while (rows.next()) {
                        String column = rows.getString("COLUMN_NAME");
                        if (column == null) {
                            continue; // table statistics, not an index
                        }
                        schema.add(table + (rows.getBoolean("NON_UNIQUE")
                                ? " index " + rows.getString("INDEX_NAME").toLowerCase(Locale.ROOT)
                                : " unique index") + " " + column.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return schema;
    }

    /** Every row of Tollgate's tables, one line each, in key order. */
    List<String> tollgateRows() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : SchemaMigrations.TABLES) {
                String key = table.equals("tollgate_factor") || table.equals("tollgate_recovery_code")
                        ? "id" : "username";
                try (ResultSet rows = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + key)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        Set<String> values = new TreeSet<>();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            values.add(columns.getColumnName(i).toLowerCase(Locale.ROOT) + "=" + rows.getString(i));
                        }
                        lines.add(table + " " + values);
                    }
                }
            }
        }
        return lines;
    }

    /** Tollgate's history, one line per migration or baseline in the order applied: {@code version type success}. */
    List<String> history() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT \"version\", \"type\", \"success\" FROM \""
                        + SchemaMigrations.HISTORY_TABLE + "\" ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                // Flyway 13 also records the creation of the table itself, as type TABLE: not a migration
                if (!"TABLE".equals(rows.getString(2))) {
                    lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
                }
            }
        }
        return lines;
    }

    @Override
    public void close() throws SQLException {
        execute(dropSchema != null ? "DROP SCHEMA " + dropSchema + " CASCADE" : "SHUTDOWN");
    }
}
