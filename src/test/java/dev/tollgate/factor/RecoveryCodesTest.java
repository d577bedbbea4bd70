package dev.tollgate.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.store.TollgatePersistence;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    private JdbcDataSource dataSource;
    private EntityManagerFactory emf;
    private RecoveryCodes recovery;

    @BeforeEach
    void open() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:recovery" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        emf = TollgatePersistence.open(dataSource, TollgatePersistence.SchemaGeneration.MIGRATE, "/test");
        recovery = new RecoveryCodes(new RecoveryCodeStore(emf),
                new RecoveryCodeHasher("k", Map.of("k", new byte[32])), Clock.systemUTC(), new SecureRandom(), 10);
    }

    @AfterEach
    void close() {
        emf.close();
    }

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
        try (Connection c = dataSource.getConnection();
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
        int threads = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                if (recovery.use("alice", code)) {
                    wins.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertEquals(1, wins.get());
        assertEquals(9, recovery.remaining("alice"));
    }
}
