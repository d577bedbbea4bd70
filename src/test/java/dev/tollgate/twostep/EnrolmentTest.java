package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.policy.MfaPolicy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Adding a factor: who may, decided on the stored factors at the time of the call. */
class EnrolmentTest {

    private static final Totp APP = new Totp(OtpParameters.DEFAULT, 0);

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final Enrolment enrolment = fixture.useCases.enrolment();

    @AfterEach
    void close() {
        fixture.close();
    }

    private String firstCode(TotpEnrolment started) {
        return APP.generateForStep(started.secret(), APP.timeStep(fixture.clock.instant()));
    }

    @Test
    void aUserWithoutAFactorAddsOneAndReachesAal2WithRecoveryCodes() {
        MfaState state = fixture.signedIn("alice");
        Outcome<TotpEnrolment> started = enrolment.startApp(caller(state), "phone", Optional.empty());
        TotpEnrolment app = ((Outcome.Done<TotpEnrolment>) started).value();
        MfaState pending = started.session().state();
        assertEquals(app.factorId(), pending.enrolment().factorId());

        Outcome<Enrolment.Confirmed> confirmed = enrolment.confirmApp(caller(pending), app.factorId(),
                firstCode(app), null);

        Enrolment.Confirmed done = ((Outcome.Done<Enrolment.Confirmed>) confirmed).value();
        assertEquals(AssuranceLevel.AAL2, done.state().aal());
        assertNull(done.state().enrolment(), "nothing pending any more");
        assertEquals(10, done.recoveryCodes().size());
        assertEquals(SessionChange.Kind.NEW_ID, confirmed.session().kind());
    }

    @Test
    void aStalePasswordOnlySessionCannotAddAFactorOnceTheOwnerHasOne() {
        MfaState stale = fixture.signedIn("bob");
        assertTrue(enrolment.mayAddFactor(caller(stale)).isEmpty(), "before: bob has no factor");
        fixture.enrolledApp("bob"); // in another session

        assertEquals(Optional.of(Problem.MFA_REQUIRED), enrolment.mayAddFactor(caller(stale)));
        assertInstanceOf(Outcome.Refused.class, enrolment.startApp(caller(stale), null, Optional.empty()));
        assertInstanceOf(Outcome.Refused.class, enrolment.startSecurityKey(caller(stale), null, Optional.empty()));
        assertEquals(1, fixture.factors.findByUser("bob").size(), "no second, attacker's app");
    }

    @Test
    void anEnrolmentTransactionExpiresLikeALoginTransaction() {
        try (TwoStepFixture required = new TwoStepFixture(MfaPolicy.Mode.REQUIRED)) {
            Enrolment enrolling = required.useCases.enrolment();
            MfaState state = required.signedIn("carol");
            assertTrue(state.enrolling());
            assertTrue(enrolling.mayAddFactor(caller(state)).isEmpty());
            required.clock.advance(Duration.ofMinutes(5));
            assertFalse(enrolling.mayAddFactor(caller(state)).isEmpty(), "the transaction ran out");
        }
    }

    @Test
    void aSessionAtAal2AddsAnotherFactor() {
        fixture.enrolledApp("dave");
        assertTrue(enrolment.mayAddFactor(caller(fixture.atAal2("dave"))).isEmpty());
        assertEquals(Optional.of(Problem.MFA_REQUIRED), enrolment.mayAddFactor(caller(fixture.signedIn("dave"))));
    }

    @Test
    void aWrongFirstCodeConfirmsNothing() {
        MfaState state = fixture.signedIn("erin");
        Outcome<TotpEnrolment> started = enrolment.startApp(caller(state), null, Optional.empty());
        TotpEnrolment app = ((Outcome.Done<TotpEnrolment>) started).value();
        String wrong = firstCode(app).equals("000000") ? "000001" : "000000";
        Outcome<Enrolment.Confirmed> refused = enrolment.confirmApp(caller(started.session().state()),
                app.factorId(), wrong, null);
        assertInstanceOf(Refusal.WrongProof.class, ((Outcome.Refused<?>) refused).refusal());
        assertTrue(fixture.factors.findConfirmed("erin").isEmpty());
    }

    @Test
    void anAal2SessionLeftOpenCannotAddAFactorWithoutARecentProof() {
        Secret owner = fixture.enrolledApp("grace");
        MfaState leftOpen = fixture.atAal2("grace");
        fixture.clock.advance(Duration.ofMinutes(5)); // tollgate.freshProof.maxAge

        assertEquals(Problem.CODE_REQUIRED, problem(enrolment.startApp(caller(leftOpen), null, Optional.empty())));
        assertEquals(Problem.CODE_REQUIRED, problem(enrolment.startSecurityKey(caller(leftOpen), null,
                Optional.empty())));
        assertEquals(Problem.CODE_REQUIRED, problem(enrolment.resumeApp(caller(leftOpen))));
        String wrong = fixture.codeAt(owner, 0).equals("000000") ? "000001" : "000000";
        Outcome<TotpEnrolment> guessed = enrolment.startApp(caller(leftOpen), null,
                Optional.of(Proof.authenticatorCode(wrong)));
        assertInstanceOf(Refusal.WrongProof.class, ((Outcome.Refused<?>) guessed).refusal());
        assertEquals(1, fixture.factors.findByUser("grace").size(), "no attacker's app, not even pending");

        Outcome<TotpEnrolment> proved = enrolment.startApp(caller(leftOpen), null,
                Optional.of(Proof.authenticatorCode(fixture.codeAt(owner, 0))));
        assertInstanceOf(Outcome.Done.class, proved);
        assertEquals(fixture.clock.instant(), proved.session().state().verifiedAt(), "the proof counts as recent");
    }

    @Test
    void aRecentSecondFactorIsProofEnoughToAddAnother() {
        fixture.enrolledApp("heidi");
        MfaState justSignedIn = fixture.atAal2("heidi");
        fixture.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertInstanceOf(Outcome.Done.class, enrolment.startApp(caller(justSignedIn), null, Optional.empty()));
    }

    @Test
    void aUserWithoutAFactorNeedsNoProofToAddTheFirst() {
        MfaState state = fixture.signedIn("ivan");
        fixture.clock.advance(Duration.ofHours(1));
        assertInstanceOf(Outcome.Done.class, enrolment.startApp(caller(state), null, Optional.empty()));
    }

    private static Problem problem(Outcome<?> outcome) {
        return ((Refusal.Plain) ((Outcome.Refused<?>) outcome).refusal()).problem();
    }
}
