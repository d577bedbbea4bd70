package dev.tollgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.AccountStore;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.FactorType;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountAdministrationTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<SecurityEvent> published = new ArrayList<>();
    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private FactorStore factors;
    private RecoveryCodeStore codes;
    private AccountLockStore locks;
    private PreferenceStore preferences;
    private AccountAdministration administration;

    @BeforeEach
    void open() {
        EntityManagerFactory emf = database.persistenceUnit();
        factors = new FactorStore(emf);
        codes = new RecoveryCodeStore(emf);
        locks = new AccountLockStore(emf);
        preferences = new PreferenceStore(emf);
        administration = new AccountAdministration(factors, codes, preferences, locks, new AccountStore(emf),
                new SecurityEvents(List.of(published::add)), clock);
    }

    private void factor(String user, String label, Instant confirmedAt) {
        factors.insert(new Factor(factors.newId(), user, FactorType.TOTP, label, "tg1.x", "SHA1", 6, 30, confirmedAt,
                T0, null, confirmedAt == null ? null : 1L));
    }

    @Test
    void listsConfirmedFactorsWithoutSecrets() {
        factor("alice", "work phone", T0);
        factor("alice", "pending", null);
        List<FactorSummary> list = administration.listFactors("alice");
        assertEquals(1, list.size());
        assertEquals("work phone", list.get(0).label());
        assertFalse(list.get(0).toString().contains("tg1"), "no ciphertext in the summary");
        assertTrue(administration.listFactors("nobody").isEmpty());
    }

    @Test
    void describesRecoveryCodesOptOutAndLock() {
        factor("alice", "phone", T0);
        codes.replaceAll("alice", List.of("a", "b", "c"), T0);
        locks.reserve("alice", T0, 1, Duration.ofMinutes(1), Duration.ofHours(1));
        AccountOverview overview = administration.overview("alice");
        assertEquals(3, overview.recoveryCodesRemaining());
        assertNotNull(overview.lockedUntil());
        assertFalse(overview.optedOut());
    }

    @Test
    void resetsEverythingAndReportsWhoDidIt() {
        factor("alice", "phone", T0);
        factor("alice", "tablet", T0);
        codes.replaceAll("alice", List.of("a", "b"), T0);
        preferences.optOut("alice", T0);
        locks.reserve("alice", T0, 1, Duration.ofMinutes(1), Duration.ofHours(1));

        ResetResult result = administration.reset("alice", "helpdesk \"bob\"", "10.0.0.9");
        assertEquals(new ResetResult("alice", 2, 2), result);
        AccountOverview after = administration.overview("alice");
        assertTrue(after.factors().isEmpty());
        assertEquals(0, after.recoveryCodesRemaining());
        assertFalse(after.optedOut());
        assertEquals(null, after.lockedUntil());

        SecurityEvent event = published.get(0);
        assertEquals(SecurityEventType.RESET_BY_ADMINISTRATOR, event.type());
        assertEquals("alice", event.username());
        assertEquals("10.0.0.9", event.remoteAddress());
        assertEquals(T0, event.at());
        assertTrue(event.toLogLine().contains("detail=\"by helpdesk \\\"bob\\\": 2 factors, 2 recovery codes\""),
                event.toLogLine());
    }

    @Test
    void refusesNamesThatCannotBeUsers() {
        for (String bad : new String[] {null, " ", "a\nb", "x".repeat(256)}) {
            assertThrows(InvalidRequestException.class, () -> administration.reset(bad, "admin", null));
            assertThrows(InvalidRequestException.class, () -> administration.listFactors(bad));
        }
        assertThrows(InvalidRequestException.class, () -> administration.reset("alice", "", null));
        assertTrue(published.isEmpty(), "nothing was reset");
    }
}
