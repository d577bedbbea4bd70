package dev.tollgate.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.testing.Race;
import dev.tollgate.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecoveryCodesTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final RecoveryCodes recovery = new RecoveryCodes(new RecoveryCodeStore(database.persistenceUnit()),
            new RecoveryCodeHasher("k", Map.of("k", new byte[32])), Clock.systemUTC(), new SecureRandom(), 10);

    @Test
    void eachCodeWorksOnceForItsOwner() {
        List<String> codes = recovery.regenerate("alice");
        assertEquals(10, codes.size());
        assertEquals(10, recovery.remaining("alice"));
        assertFalse(recovery.use("bob", codes.get(0)), "another user's code");
        assertTrue(recovery.use("alice", codes.get(0).toUpperCase().replace("-", " ")));
        assertFalse(recovery.use("alice", codes.get(0)), "second use");
        assertEquals(9, recovery.remaining("alice"));
    }

    @Test
    void regeneratingKillsTheOldSet() {
        List<String> old = recovery.regenerate("alice");
        List<String> fresh = recovery.regenerate("alice");
        assertFalse(recovery.use("alice", old.get(1)));
        assertTrue(recovery.use("alice", fresh.get(1)));
        assertEquals(9, recovery.remaining("alice"));
    }

    @Test
    void storesOnlyKeyedHashes() throws Exception {
        List<String> codes = recovery.regenerate("alice");
        try (Connection c = database.connection();
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM tollgate_recovery_code")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String value = String.valueOf(rs.getObject(i));
                    for (String code : codes) {
                        assertFalse(value.contains(code) || value.contains(code.replace("-", "")), value);
                    }
                }
            }
            assertEquals(codes.size(), rows, "a row for each code, so that the check above read them all");
        }
    }

    @Test
    void letsExactlyOneOfManyConcurrentUsesOfACodeSucceed() throws Exception {
        String code = recovery.regenerate("alice").get(3);
        assertEquals(1, Race.winners(40, () -> recovery.use("alice", code)));
        assertEquals(9, recovery.remaining("alice"));
    }
}
