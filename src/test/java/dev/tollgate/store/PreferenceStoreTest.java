package dev.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Race;
import dev.tollgate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PreferenceStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final PreferenceStore preferences = new PreferenceStore(database.persistenceUnit());

    @Test
    void storesAnOptOutUntilItIsUndone() {
        assertFalse(preferences.find("alice").optedOut(), "nobody is opted out by default");
        preferences.optOut("alice", T0);
        preferences.optOut("alice", T0.plusSeconds(60));
        assertEquals(T0, preferences.find("alice").optedOutAt(), "the first choice's time is kept");
        assertFalse(preferences.find("bob").optedOut());
        assertTrue(preferences.optIn("alice"));
        assertFalse(preferences.optIn("alice"), "nothing left to undo");
        assertFalse(preferences.find("alice").optedOut());
    }

    @Test
    void countsGraceSignInsUpToTheLimitAndStartsThePeriodAtTheFirst() {
        Optional<EnrolmentPreference> first = preferences.countGraceSignIn("alice", T0, 2, null);
        assertEquals(1, first.orElseThrow().graceSignIns());
        assertEquals(T0, first.get().graceStartedAt());
        Optional<EnrolmentPreference> second = preferences.countGraceSignIn("alice", T0.plusSeconds(5), 2, null);
        assertEquals(2, second.orElseThrow().graceSignIns());
        assertEquals(T0, second.get().graceStartedAt(), "the period starts once");
        assertEquals(Optional.empty(), preferences.countGraceSignIn("alice", T0.plusSeconds(9), 2, null));
        assertEquals(2, preferences.find("alice").graceSignIns(), "a refused sign-in is not counted");
    }

    @Test
    void endsTheGracePeriodByTime() {
        preferences.countGraceSignIn("alice", T0, 0, T0.minus(Duration.ofDays(7)));
        Instant sixDaysLater = T0.plus(Duration.ofDays(6));
        assertTrue(preferences.countGraceSignIn("alice", sixDaysLater, 0, sixDaysLater.minus(Duration.ofDays(7)))
                .isPresent());
        Instant sevenDaysLater = T0.plus(Duration.ofDays(7));
        assertEquals(Optional.empty(), preferences.countGraceSignIn("alice", sevenDaysLater, 0,
                sevenDaysLater.minus(Duration.ofDays(7))));
    }

    @Test
    void letsExactlyTheLimitOfConcurrentSignInsThroughTheGracePeriod() throws Exception {
        int passed = Race.winners(12, () -> preferences.countGraceSignIn("carol", T0, 3, null).isPresent());
        assertEquals(3, passed);
    }

    @Test
    void aResetRemovesEverythingOfTheUserAndEndsTheGracePeriod() {
        EntityManagerFactory emf = database.persistenceUnit();
        FactorStore factors = new FactorStore(emf);
        RecoveryCodeStore codes = new RecoveryCodeStore(emf);
        AccountLockStore locks = new AccountLockStore(emf);
        for (String user : List.of("dave", "erin")) {
            factors.insert(new Factor(factors.newId(), user, FactorType.TOTP, "phone", "tg1.x", "SHA1", 6, 30, T0, T0,
                    null, 1L));
            codes.replaceAll(user, List.of("h1-" + user, "h2-" + user), T0);
            locks.reserve(user, T0, 1, Duration.ofMinutes(1), Duration.ofHours(1));
            preferences.optOut(user, T0);
        }
        AccountStore.Removed removed = new AccountStore(emf).reset("dave", T0.plusSeconds(1));
        assertEquals(new AccountStore.Removed(1, 2), removed);
        assertTrue(factors.findByUser("dave").isEmpty());
        assertEquals(0, codes.countUnused("dave"));
        assertEquals(Optional.empty(), locks.lockedUntil("dave", T0));
        assertFalse(preferences.find("dave").optedOut());
        assertEquals(T0.plusSeconds(1), preferences.find("dave").graceEndedAt());
        assertEquals(Optional.empty(), preferences.countGraceSignIn("dave", T0, 5, null),
                "a reset user gets no new grace period");

        assertEquals(1, factors.findByUser("erin").size(), "other users are untouched");
        assertEquals(2, codes.countUnused("erin"));
        assertTrue(locks.lockedUntil("erin", T0).isPresent());
        assertTrue(preferences.find("erin").optedOut());
    }
}
