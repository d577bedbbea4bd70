package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tollgate.otp.Secret;
import dev.tollgate.policy.MfaPolicy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hint for a phone whose clock is far off ({@code clockOffsetSeconds}) against a guesser: a wrong code that matches
 * a step up to ten steps away would tell the guesser that it is that step's code. Only past steps, which can never be
 * accepted, are explained.
 */
class ClockHintTest {

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final Verification verification = fixture.useCases.verification();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Outcome<Verification.Verified> verify(String user, String code) {
        MfaState state = fixture.signedIn(user);
        return verification.verify(caller(state), state.transaction().id(), Proof.authenticatorCode(code));
    }

    private static Optional<Duration> hint(Outcome<Verification.Verified> outcome) {
        Outcome.Refused<?> refused = assertInstanceOf(Outcome.Refused.class, outcome, "a wrong code");
        return assertInstanceOf(Refusal.WrongProof.class, refused.refusal()).clockOffset();
    }

    @Test
    void refusesACodeThatDrewAClockHintWhenItsTimeComes() {
        Secret secret = fixture.enrolledApp("alice");
        String guess = fixture.codeAt(secret, 6);
        boolean hinted = hint(verify("alice", guess)).isPresent();
        fixture.clock.advance(Duration.ofMinutes(3));
        Outcome<Verification.Verified> whenItsTimeComes = verify("alice", guess);
        assertFalse(hinted && whenItsTimeComes instanceof Outcome.Done,
                "the guess drew a clock hint three minutes early, and signed in when its step came");
        assertFalse(hinted, "a code of a step to come draws no hint: it is the right code then");
    }

    @Test
    void tellsAPhoneThatIsBehindAndStillAcceptsTheCurrentCode() {
        Secret secret = fixture.enrolledApp("bob");
        assertEquals(Optional.of(Duration.ofMinutes(-3)), hint(verify("bob", fixture.codeAt(secret, -6))));
        assertInstanceOf(Outcome.Done.class, verify("bob", fixture.codeAt(secret, 0)),
                "a past step can never be accepted, so explaining it spends nothing");
    }
}
