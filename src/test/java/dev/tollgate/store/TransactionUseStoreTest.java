package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Race;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The use counts of login transactions and security-key challenges: at most the limit however many reserve at once,
 * a malformed input's use given back, and rows kept while a server whose clock is behind may still count on them.
 */
class TransactionUseStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant EXPIRY = T0.plus(Duration.ofMinutes(5));

    private final EntityManagerFactory emf;
    private final TransactionUseStore uses;

    TransactionUseStoreTest() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:uses" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        emf = TollgatePersistence.open(dataSource, TollgatePersistence.SchemaGeneration.MIGRATE, "/uses");
        uses = new TransactionUseStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
    }

    @Test
    void grantsNoMoreThanTheLimitToFortyConcurrentReservations() throws Exception {
        String key = TransactionUseStore.key("attempt", "tx-1");
        assertEquals(5, Race.winners(40, () -> uses.reserve(key, 5, EXPIRY, T0).isPresent()));
        assertEquals(OptionalInt.empty(), uses.reserve(key, 5, EXPIRY, T0));
    }

    @Test
    void numbersTheUsesAndTakesBackOneGivenBack() {
        String key = TransactionUseStore.key("attempt", "tx-2");
        assertEquals(OptionalInt.of(1), uses.reserve(key, 5, EXPIRY, T0));
        assertEquals(OptionalInt.of(2), uses.reserve(key, 5, EXPIRY, T0));
        uses.release(key);
        assertEquals(OptionalInt.of(2), uses.reserve(key, 5, EXPIRY, T0), "the given-back use is counted again");
    }

    @Test
    void keysTheKindsApartAndStoresNoValue() {
        String attempt = TransactionUseStore.key("attempt", "same");
        String challenge = TransactionUseStore.key("challenge", "same");
        assertTrue(attempt.matches("[0-9a-f]{64}") && !attempt.contains("same"), attempt);
        assertEquals(OptionalInt.of(1), uses.reserve(attempt, 1, EXPIRY, T0));
        assertEquals(OptionalInt.of(1), uses.reserve(challenge, 1, EXPIRY, T0), "another kind, another count");
    }

    @Test
    void keepsASpentCountTenMinutesPastItsExpiryAndDeletesItAfterwards() {
        String spent = TransactionUseStore.key("challenge", "c-1");
        assertEquals(OptionalInt.of(1), uses.reserve(spent, 1, EXPIRY, T0));

        // a server whose clock is behind may still accept the challenge: its use stays spent within the margin
        Instant withinMargin = EXPIRY.plus(Duration.ofMinutes(9));
        uses.reserve(TransactionUseStore.key("attempt", "other-1"), 5, withinMargin.plusSeconds(300), withinMargin);
        assertEquals(OptionalInt.empty(), uses.reserve(spent, 1, EXPIRY, withinMargin));

        // later than that the row goes (a purge at most once a minute): a reservation finds none, so the count starts
        // again; no server accepts the challenge by then
        Instant past = EXPIRY.plus(Duration.ofMinutes(11));
        uses.reserve(TransactionUseStore.key("attempt", "other-2"), 5, past.plusSeconds(300), past);
        assertEquals(OptionalInt.of(1), uses.reserve(spent, 1, EXPIRY, past));
    }
}
