package dev.tollgate.testing;

import dev.tollgate.store.TollgatePersistence;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Tollgate database for each test: H2 in memory, its tables made by Tollgate's own persistence unit on the
 * provider Payara ships (EclipseLink). It opens with the test instance, which JUnit makes for each test method, so that
 * the stores can be fields; registered as an extension, it closes after the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestDatabase database = new TestDatabase();
 * private final FactorStore store = new FactorStore(database.persistenceUnit());
 * }</pre>
 */
public final class TestDatabase implements AfterEachCallback {

    private final JdbcDataSource dataSource = emptyInMemory();
    private final EntityManagerFactory persistenceUnit = TollgatePersistence.open(dataSource,
            TollgatePersistence.SchemaGeneration.MIGRATE, "/test");

    /**
     * An empty H2 database in memory of its own, kept until the JVM ends (a test's unit may close and open again).
     *
     * @return its data source
     */
    public static JdbcDataSource emptyInMemory() {
        JdbcDataSource empty = new JdbcDataSource();
        // the time makes each test's database its own; DB_CLOSE_DELAY keeps it between connections
        empty.setURL("jdbc:h2:mem:tollgate" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return empty;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        persistenceUnit.close();
    }

    /** Tollgate's persistence unit on this test's database, for the stores. */
    public EntityManagerFactory persistenceUnit() {
        return persistenceUnit;
    }

    /**
     * A plain JDBC connection to the same database, for a test that reads or breaks the rows behind the stores' back.
     *
     * @return a new connection, which the caller closes
     * @throws SQLException if the database is gone
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
