package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.otp.Secret;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.policy.MfaPolicy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.2: every other session of a user follows a change to the user's factors, on this server at once and on
 * another that shares the database within the stamp's delay.
 */
class AccountChangesTest {

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final SignIn signIn = fixture.useCases.signIn();

    @AfterEach
    void close() {
        fixture.close();
    }

    private SessionChange follow(SignIn on, MfaState state) {
        return on.followAccount(state, role -> false, "/reports");
    }

    @Test
    void aRemovalDropsTheUsersOtherAal2SessionsToAal1AndKeepsTheOneThatRemoved() {
        Secret phone = fixture.enrolledApp("alice");
        fixture.enrolledApp("alice");
        MfaState other = fixture.atAal2("alice");
        MfaState remover = fixture.atAal2("alice");
        assertEquals(SessionChange.Kind.KEEP, follow(signIn, other).kind(), "nothing changed yet");

        Outcome<Boolean> removed = fixture.useCases.factors().remove(caller(remover),
                fixture.factors.findConfirmed("alice").get(1).id(),
                Optional.of(Proof.authenticatorCode(fixture.codeAt(phone, 0))));
        assertTrue(((Outcome.Done<Boolean>) removed).value());

        SessionChange followed = follow(signIn, other);
        assertEquals(SessionChange.Kind.NEW_ID, followed.kind(), "a new level, a new session id");
        assertEquals(AssuranceLevel.AAL1, followed.state().aal());
        assertTrue(followed.state().secondFactorRequired(), "the remaining factor is asked for again");
        assertEquals(LoginTransaction.Purpose.CHALLENGE, followed.state().transaction().purpose());
        assertEquals("/reports", followed.state().transaction().returnTo());
        assertEquals(SessionChange.Kind.KEEP, follow(signIn, followed.state()).kind(), "decided once");
        assertEquals(SessionChange.Kind.KEEP, follow(signIn, removed.session().state()).kind(),
                "the session that removed the factor stays at aal2");
    }

    @Test
    void anAddedFactorHoldsThePasswordOnlySessionsAndKeepsTheAal2Ones() {
        MfaState passwordOnly = fixture.signedIn("bob");
        assertTrue(passwordOnly.containerLoginAllowed(), "policy optional, no factor: aal1 is enough");
        MfaState atAal2 = fixture.atAal2("bob");

        fixture.enrolledApp("bob"); // on another device, through another server
        fixture.clock.advance(TwoStepFixture.ACCOUNT_DELAY);

        SessionChange held = follow(signIn, passwordOnly);
        assertEquals(SessionChange.Kind.NEW_ID, held.kind());
        assertTrue(!held.state().containerLoginAllowed(), "the new factor is asked for before the application");
        assertEquals(LoginTransaction.Purpose.CHALLENGE, held.state().transaction().purpose());
        SessionChange kept = follow(signIn, atAal2);
        assertEquals(SessionChange.Kind.STORE, kept.kind(), "only the newer stamp is remembered");
        assertEquals(AssuranceLevel.AAL2, kept.state().aal());
    }

    @Test
    void anAdministratorsResetDropsEveryAal2Session() {
        fixture.enrolledApp("carol");
        MfaState atAal2 = fixture.atAal2("carol");

        fixture.useCases.administration().reset(new Caller(fixture.atAal2("heidi"), "helpdesk"::equals, null),
                "carol");

        SessionChange followed = follow(signIn, atAal2);
        assertEquals(SessionChange.Kind.NEW_ID, followed.kind());
        assertEquals(AssuranceLevel.AAL1, followed.state().aal());
    }

    @Test
    void aChangeMadeOnAnotherServerReachesThisServersSessionsWithinTheDelay() {
        Secret phone = fixture.enrolledApp("dave");
        fixture.enrolledApp("dave");
        UseCases thisServer = fixture.anotherServer();
        MfaState here = fixture.atAal2("dave");
        assertEquals(SessionChange.Kind.KEEP, follow(thisServer.signIn(), here).kind(), "reads the stamp");

        fixture.useCases.factors().remove(caller(fixture.atAal2("dave")),
                fixture.factors.findConfirmed("dave").get(1).id(),
                Optional.of(Proof.authenticatorCode(fixture.codeAt(phone, 0))));

        assertEquals(SessionChange.Kind.KEEP, follow(thisServer.signIn(), here).kind(),
                "within the delay this server still uses the stamp it read");
        fixture.clock.advance(TwoStepFixture.ACCOUNT_DELAY);
        SessionChange followed = follow(thisServer.signIn(), here);
        assertEquals(SessionChange.Kind.NEW_ID, followed.kind());
        assertEquals(AssuranceLevel.AAL1, followed.state().aal());
    }

    @Test
    void aSessionDecidedOnAServerThatReadANewerStampIsNotTakenForAChangedOne() {
        fixture.enrolledApp("erin");
        UseCases stale = fixture.anotherServer();
        MfaState before = fixture.atAal2("erin");
        follow(stale.signIn(), before); // the stale server reads the stamp now
        fixture.enrolledApp("erin");
        MfaState decidedLater = fixture.atAal2("erin"); // signed in after the change, on the first server

        assertEquals(SessionChange.Kind.KEEP, follow(stale.signIn(), decidedLater).kind());
        assertNotNull(decidedLater.stamp());
    }

    @Test
    void aStepUpPathNeedsASecondFactorNoOlderThanTheSetting() {
        fixture.enrolledApp("frank");
        MfaState state = fixture.atAal2("frank");
        assertTrue(signIn.admits(state, true));
        fixture.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertTrue(signIn.admits(state, true));
        fixture.clock.advance(Duration.ofSeconds(1));
        assertTrue(!signIn.admits(state, true), "stepUp.maxAge (15 minutes) passed: the factor again");
        assertTrue(signIn.admits(state, false), "other paths keep aal2");
        assertTrue(!signIn.admits(fixture.signedIn("frank"), true));
    }
}
