package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Upgrading in place: a {@code tollgate_factor} table made by a version before security keys gets the new columns
 * when the unit opens with schema generation on (EclipseLink's {@code create-or-extend-tables}), and keeps its rows.
 */
class SchemaUpgradeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** The security keys' columns, which versions before them did not have. */
    private static final Set<String> WEBAUTHN_COLUMNS = Set.of("credential_id", "public_key", "sign_count",
            "transports", "aaguid", "user_handle");

    @Test
    void addsTheSecurityKeyColumnsToATableFromBeforeThemAndKeepsItsRows() throws Exception {
        JdbcDataSource dataSource = TestDatabase.emptyInMemory();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            // tollgate_factor as the version before security keys created it, with one authenticator app in it
            sql.execute("CREATE TABLE tollgate_factor (id VARCHAR(36) NOT NULL PRIMARY KEY,"
                    + " username VARCHAR(255) NOT NULL, factor_type VARCHAR(16) NOT NULL, label VARCHAR(100) NOT NULL,"
                    + " secret_ciphertext VARCHAR(512), algorithm VARCHAR(10), digits INTEGER, period_seconds INTEGER,"
                    + " confirmed_at TIMESTAMP, created_at TIMESTAMP NOT NULL, last_used_at TIMESTAMP,"
                    + " last_accepted_step BIGINT, row_version BIGINT NOT NULL)");
            sql.execute("CREATE INDEX tollgate_factor_username ON tollgate_factor (username)");
            sql.execute("INSERT INTO tollgate_factor VALUES ('f-old', 'alice', 'totp', 'phone', 'tg1.k.nonce.ct',"
                    + " 'SHA1', 6, 30, TIMESTAMP '2026-11-20 10:00:00', TIMESTAMP '2026-11-20 10:00:00', NULL, 42, 1)");
            assertTrue(columns(connection).stream().noneMatch(WEBAUTHN_COLUMNS::contains));
        }

        EntityManagerFactory emf = TollgatePersistence.open(dataSource,
                TollgatePersistence.SchemaGeneration.CREATE_OR_EXTEND_TABLES, "/upgrade");
        try {
            try (Connection connection = dataSource.getConnection()) {
                Set<String> columns = columns(connection);
                assertTrue(columns.containsAll(WEBAUTHN_COLUMNS), "columns after the upgrade: " + columns);
            }
            FactorStore store = new FactorStore(emf);
            Factor old = store.find("f-old").orElseThrow();
            assertEquals(FactorType.TOTP, old.type());
            assertEquals(42L, old.lastAcceptedStep());
            assertNull(old.webauthn());

            Factor key = new Factor(store.newId(), "alice", FactorType.WEBAUTHN, "blue key", null, null, 0, 0, T0,
                    T0, null, null, new WebAuthnCredential("Y3JlZGVudGlhbA", "YXR0ZXN0ZWQ", 7, "usb",
                            "00000000-0000-0000-0000-000000000000", "aGFuZGxl"));
            store.insertConfirmed(key, List.of());
            assertEquals(key.webauthn(), store.find(key.id()).orElseThrow().webauthn());
            assertEquals(2, store.findConfirmed("alice").size());
        } finally {
            emf.close();
        }
    }

    private static Set<String> columns(Connection connection) throws Exception {
        Set<String> columns = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, null, "TOLLGATE_FACTOR", null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }
}
