package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tollgate.otp.Secret;
import dev.tollgate.policy.MfaPolicy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hint for a phone whose clock is far off ({@code clockOffsetSeconds}) against a guesser: a wrong code that matches
 * a step up to ten steps away draws it, and tells the guesser that code; it must be worth nothing afterwards.
 */
class ClockHintTest {

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final Verification verification = fixture.useCases.verification();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Refusal.WrongProof wrong(String user, String code) {
        MfaState state = fixture.signedIn(user);
        Outcome<Verification.Verified> outcome = verification.verify(caller(state), state.transaction().id(),
                Proof.authenticatorCode(code));
        return assertInstanceOf(Refusal.WrongProof.class,
                assertInstanceOf(Outcome.Refused.class, outcome, "the code must be refused").refusal());
    }

    @Test
    void refusesACodeThatDrewAClockHintWhenItsTimeComes() {
        Secret secret = fixture.enrolledApp("alice");
        String guessed = fixture.codeAt(secret, 6);
        assertEquals(Optional.of(Duration.ofMinutes(3)), wrong("alice", guessed).clockOffset(),
                "the hint says the code is the one of three minutes from now");
        fixture.clock.advance(Duration.ofMinutes(3));
        assertEquals(Optional.empty(), wrong("alice", guessed).clockOffset(), "refused when its time comes");
        fixture.clock.advance(Duration.ofSeconds(30));
        MfaState state = fixture.signedIn("alice");
        assertInstanceOf(Outcome.Done.class, verification.verify(caller(state), state.transaction().id(),
                Proof.authenticatorCode(fixture.codeAt(secret, 0))), "the next step's code signs in");
    }
}
