package dev.tollgate.bench.load;

import dev.tollgate.crypto.KeyRing;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * An H2 database file holding Tollgate's factor table with a given number of other users' confirmed factors, made
 * before the server starts and then opened by it. The rows are what Tollgate writes: a random 160-bit secret
 * encrypted under the demo key with the row's associated data, a distinct user name, a used factor.
 */
final class FactorTable {

    /**
     * Tollgate's own first migration, from its jar: the table is exactly what a deployment has. The server then finds
     * the tables without a history and baselines them, as it does for a database of an earlier version.
     */
    private static final String SCHEMA = "RUNSCRIPT FROM 'classpath:/db/tollgate/V1__tollgate_tables.sql'";
    private static final int BATCH = 2_000;
    /** The database's credentials: a local file of throw-away rows, so fixed ones do. */
    static final String USER = "sa";
    static final String PASSWORD = "bench";

    private FactorTable() {
    }

    /** The JDBC URL of the database file at a path (without H2's extension); no TCP server, no auto-server. */
    static String url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath();
    }

    /**
     * Creates the database and fills it.
     *
     * @param file    the database file, without extension; must not exist
     * @param rows    how many factors of other users to store
     * @param keySpec the application's {@code tollgate.encryptionKeys}
     */
    static void create(Path file, int rows, String keySpec) throws SQLException {
        KeyRing keys = KeyRing.parse(keySpec);
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now();
        long step = now.getEpochSecond() / 30;
        try (Connection db = DriverManager.getConnection(url(file), USER, PASSWORD)) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute(SCHEMA);
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO tollgate_factor (id, username,"
                    + " factor_type, label, secret_ciphertext, algorithm, digits, period_seconds, confirmed_at,"
                    + " created_at, last_used_at, last_accepted_step, row_version)"
                    + " VALUES (?, ?, 'totp', 'Authenticator app', ?, 'SHA1', 6, 30, ?, ?, ?, ?, 1)")) {
                byte[] secret = new byte[20];
                for (int i = 0; i < rows; i++) {
                    String id = UUID.randomUUID().toString();
                    String username = String.format("member%07d@example.org", i);
                    random.nextBytes(secret);
                    Instant created = now.minusSeconds(86_400L + random.nextInt(365 * 86_400));
                    Instant used = created.plusSeconds(random.nextInt(86_400));
                    insert.setString(1, id);
                    insert.setString(2, username);
                    insert.setString(3, keys.encrypt(secret, "tollgate:factor:" + id + ":" + username));
                    insert.setTimestamp(4, Timestamp.from(created.plusSeconds(30)));
                    insert.setTimestamp(5, Timestamp.from(created));
                    insert.setTimestamp(6, Timestamp.from(used));
                    insert.setLong(7, step - random.nextInt(100_000));
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
        }
    }
}
