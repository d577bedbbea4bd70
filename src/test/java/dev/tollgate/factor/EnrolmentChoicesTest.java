package dev.tollgate.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.policy.GracePeriod;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The grace period of a {@code required} rollout, with a clock the tests move by days. */
class EnrolmentChoicesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final PreferenceStore store = new PreferenceStore(database.persistenceUnit());

    private EnrolmentChoices choices(int signIns, int days) {
        return new EnrolmentChoices(store, new GracePeriod(signIns, days), clock);
    }

    @Test
    void withoutAGracePeriodEnrolmentIsDueAtOnce() {
        assertEquals(Optional.empty(), choices(0, 0).graceSignIn("alice"));
        assertEquals(Optional.empty(), choices(0, 0).graceLeft("alice"));
    }

    @Test
    void countsDownTheSignInsOfTheGracePeriod() {
        EnrolmentChoices choices = choices(3, 0);
        assertEquals(new EnrolmentChoices.Grace(2, null), choices.graceSignIn("alice").orElseThrow());
        assertEquals(new EnrolmentChoices.Grace(1, null), choices.graceSignIn("alice").orElseThrow());
        assertEquals(new EnrolmentChoices.Grace(0, null), choices.graceSignIn("alice").orElseThrow());
        assertEquals(new EnrolmentChoices.Grace(0, null), choices.graceLeft("alice").orElseThrow(),
                "reading does not count");
        assertEquals(Optional.empty(), choices.graceSignIn("alice"), "the fourth sign-in must enrol");
        assertEquals(new EnrolmentChoices.Grace(2, null), choices.graceSignIn("bob").orElseThrow(),
                "each user has their own period");
    }

    @Test
    void endsTheGracePeriodDaysAfterTheFirstSignInWithoutAFactor() {
        EnrolmentChoices choices = choices(0, 14);
        assertEquals(new EnrolmentChoices.Grace(-1, T0.plus(Duration.ofDays(14))),
                choices.graceSignIn("alice").orElseThrow());
        clock.advance(Duration.ofDays(13));
        assertTrue(choices.graceSignIn("alice").isPresent(), "day 13: still in the period");
        assertTrue(choices.graceLeft("alice").isPresent());
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), choices.graceSignIn("alice"), "day 14: enrolment is due");
        assertEquals(Optional.empty(), choices.graceLeft("alice"));
        assertTrue(choices.graceSignIn("bob").isPresent(), "a user's period starts at their own first sign-in");
    }

    @Test
    void endsWithWhicheverLimitRunsOutFirst() {
        EnrolmentChoices choices = choices(2, 30);
        choices.graceSignIn("alice");
        choices.graceSignIn("alice");
        assertEquals(Optional.empty(), choices.graceSignIn("alice"), "the sign-ins ran out before the days");

        choices.graceSignIn("bob");
        clock.advance(Duration.ofDays(30));
        assertEquals(Optional.empty(), choices.graceSignIn("bob"), "the days ran out before the sign-ins");
    }

    @Test
    void remembersAnOptOutUntilTheUserUndoesIt() {
        EnrolmentChoices choices = choices(0, 0);
        choices.optOut("carol");
        assertTrue(choices.optedOut("carol"));
        assertTrue(choices.optIn("carol"));
        assertEquals(false, choices.optedOut("carol"));
    }
}
