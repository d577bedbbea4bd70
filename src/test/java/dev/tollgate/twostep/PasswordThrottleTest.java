package dev.tollgate.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.config.ThrottleSettings;
import dev.tollgate.store.ThrottleStore;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.Race;
import dev.tollgate.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first-factor throttle's rule, on the real store, with a clock the test moves: per account and address, per
 * account, per address, backoff, forgetting, and the owner's known address kept open while an attacker fails
 * elsewhere.
 */
class PasswordThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String OWNER = "192.0.2.10";
    private static final String ATTACKER = "198.51.100.7";

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final MutableClock clock = new MutableClock(T0);

    private PasswordThrottle throttle(ThrottleSettings limits) {
        return new PasswordThrottle(limits, new ThrottleStore(database.persistenceUnit()), clock, new byte[32]);
    }

    private final PasswordThrottle defaults = throttle(ThrottleSettings.DEFAULT);

    /** Fails {@code n} passwords (admitted ones), and returns how many were admitted. */
    private static int fail(PasswordThrottle throttle, String name, String address, int n) {
        int admitted = 0;
        for (int i = 0; i < n; i++) {
            if (throttle.admit(name, address).isEmpty()) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void refusesTheSixthWrongPasswordFromOneAddressForThirtySecondsThenDoublesTheWait() {
        assertEquals(5, fail(defaults, "alice", ATTACKER, 5));

        assertEquals(Optional.of(Duration.ofSeconds(30)), defaults.admit("alice", ATTACKER));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Optional.of(Duration.ofSeconds(1)), defaults.admit("alice", ATTACKER));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), defaults.admit("alice", ATTACKER), "one more guess once the wait is over");
        assertEquals(Optional.of(Duration.ofSeconds(60)), defaults.admit("alice", ATTACKER), "then twice as long");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Optional.empty(), defaults.admit("alice", ATTACKER));
        assertEquals(Optional.of(Duration.ofSeconds(120)), defaults.admit("alice", ATTACKER));
    }

    @Test
    void capsTheWaitAtFifteenMinutes() {
        assertEquals(Duration.ofSeconds(30), defaults.wait(0));
        assertEquals(Duration.ofSeconds(240), defaults.wait(3));
        assertEquals(Duration.ofMinutes(15), defaults.wait(5));
        assertEquals(Duration.ofMinutes(15), defaults.wait(1_000_000));
    }

    @Test
    void countsEveryWayOfWritingANameAsOneAccount() {
        fail(defaults, "alice", ATTACKER, 2);
        fail(defaults, "ALICE", ATTACKER, 2);
        fail(defaults, "Alice", ATTACKER, 1);

        assertTrue(defaults.admit("aLiCe", ATTACKER).isPresent(), "five failures under four spellings");
        assertTrue(defaults.admit("ａｌｉｃｅ", ATTACKER).isPresent(), "full-width letters fold to the same name (NFKC)");
    }

    @Test
    void anotherAccountFromTheSameAddressAndTheSameAccountFromAnotherAddressStillWork() {
        fail(defaults, "alice", ATTACKER, 5);
        assertTrue(defaults.admit("alice", ATTACKER).isPresent());

        assertEquals(Optional.empty(), defaults.admit("bob", ATTACKER));
        assertEquals(Optional.empty(), defaults.admit("alice", OWNER));
    }

    @Test
    void limitsAnAccountAttackedFromManyAddressesButNotAtTheOwnersKnownAddress() {
        defaults.admit("alice", OWNER);
        defaults.succeeded("alice", OWNER); // the owner signed in from here before
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), defaults.admit("alice", "203.0.113." + i), "address " + i);
        }

        assertTrue(defaults.admit("alice", "203.0.113.200").isPresent(), "the 21st address waits");
        assertTrue(defaults.admit("alice", "2001:db8::1").isPresent());
        assertEquals(Optional.empty(), defaults.admit("alice", OWNER), "the owner's known address is not locked out");
        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 20; i++) {
            defaults.admit("alice", "198.18.0." + i);
        }
        assertTrue(defaults.admit("alice", OWNER).isPresent(), "an address is known for 30 days after a success");
    }

    @Test
    void limitsPasswordSprayingFromOneAddressAndAnIpv6NetworkCountsAsOne() {
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), defaults.admit("user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }

        assertTrue(defaults.admit("user100", "2001:db8:1:2:ffff::1").isPresent(), "the same /64");
        assertEquals(Optional.empty(), defaults.admit("user100", "2001:db8:1:3::1"), "another /64");
    }

    @Test
    void aSuccessEndsThePairsCountAndGivesBackItsAttemptButKeepsTheAccountsFailures() {
        PasswordThrottle throttle = throttle(new ThrottleSettings(3, 4, 100, Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ofHours(12), Duration.ZERO));
        fail(throttle, "alice", OWNER, 2);
        throttle.admit("alice", OWNER);
        throttle.succeeded("alice", OWNER);

        assertEquals(2, fail(throttle, "alice", OWNER, 2), "the pair starts again");
        assertTrue(throttle.admit("alice", OWNER).isPresent(), "the account kept its two earlier failures: 4 now");
    }

    @Test
    void forgetsACountAfterTwelveHoursWithoutAFailure() {
        fail(defaults, "alice", ATTACKER, 5);
        clock.advance(Duration.ofHours(12));

        assertEquals(5, fail(defaults, "alice", ATTACKER, 5));
        assertTrue(defaults.admit("alice", ATTACKER).isPresent());
    }

    @Test
    void aLimitOfZeroIsOff() {
        PasswordThrottle off = throttle(new ThrottleSettings(0, 0, 0, Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofDays(30)));

        assertEquals(50, fail(off, "alice", ATTACKER, 50));
    }

    @Test
    void admitsNoMoreConcurrentAttemptsThanTheLimit() throws Exception {
        defaults.succeeded("alice", ATTACKER); // the rows exist: every racer goes straight to the count
        defaults.succeeded("alice", ATTACKER);

        int admitted = Race.winners(30, () -> defaults.admit("alice", ATTACKER).isEmpty());

        assertEquals(5, admitted);
    }

    @Test
    void admitsNoMoreConcurrentAttemptsThanTheLimitOnTheFirstUseOfTheCounters() throws Exception {
        int admitted = Race.winners(30, () -> defaults.admit("bob", ATTACKER).isEmpty());

        assertEquals(5, admitted);
    }

    @Test
    void aRefusedAttemptAddsNoRowSoABlockedClientCannotFillTheTable() throws Exception {
        PasswordThrottle throttle = throttle(new ThrottleSettings(5, 20, 3, Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofDays(30)));
        for (int i = 0; i < 3; i++) {
            throttle.admit("user" + i, ATTACKER);
        }
        int before = rows();
        for (int i = 3; i < 23; i++) {
            assertTrue(throttle.admit("user" + i, ATTACKER).isPresent(), "the address is blocked");
        }
        assertEquals(before, rows(), "no row for the names it tried meanwhile");
    }

    private int rows() throws Exception {
        try (var connection = database.connection(); var count = connection.createStatement()
                .executeQuery("SELECT COUNT(*) FROM tollgate_first_factor_throttle")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Test
    void keysShowNeitherNameNorAddress() {
        for (String key : defaults.keys("alice", OWNER)) {
            assertEquals(64, key.length());
            assertTrue(!key.contains("alice") && !key.contains("192"), key);
        }
        assertEquals("20010db800010002::/64", PasswordThrottle.network("2001:db8:1:2:3:4:5:6"));
        assertEquals(OWNER, PasswordThrottle.network(OWNER));
    }
}
