package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.otp.Secret;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The account lock against guesses sent at once from many sessions: each attempt is reserved before its proof is
 * evaluated, so no more than the threshold (10, the default) are evaluated, whether at sign-in or as the fresh proof
 * of a factor's removal.
 */
class VerificationLockTest {

    private static final int SESSIONS = 40;
    private static final int THRESHOLD = 10;

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final Verification verification = fixture.useCases.verification();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static String kind(Outcome<?> outcome) {
        return outcome instanceof Outcome.Refused<?> refused ? refused.refusal().getClass().getSimpleName() : "Done";
    }

    private Outcome<Verification.Verified> wrongAtSignIn(String user, String code) {
        MfaState state = fixture.signedIn(user);
        return verification.verify(caller(state), state.transaction().id(), Proof.authenticatorCode(code));
    }

    @Test
    void evaluatesAtMostTheThresholdOfFortyConcurrentWrongCodesFromFortySessions() throws Exception {
        String code = fixture.wrongCode(fixture.enrolledApp("alice"));
        List<Callable<String>> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            MfaState state = fixture.signedIn("alice");
            sessions.add(() -> kind(verification.verify(caller(state), state.transaction().id(),
                    Proof.authenticatorCode(code))));
        }
        Map<String, Long> answers = Race.run(sessions).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(THRESHOLD, fixture.count(SecurityEventType.SECOND_FACTOR_FAILED),
                "codes evaluated of " + SESSIONS + ": " + answers);
        assertEquals(Map.of("WrongProof", (long) THRESHOLD - 1, "Locked", (long) SESSIONS - THRESHOLD + 1), answers);
        assertEquals(1, fixture.count(SecurityEventType.LOCKED_OUT));
    }

    @Test
    void evaluatesAtMostTheThresholdOfFortyConcurrentWrongFreshProofs() throws Exception {
        Secret secret = fixture.enrolledApp("bob");
        String factorId = fixture.factors.findConfirmed("bob").get(0).id();
        String code = fixture.wrongCode(secret);
        List<Callable<String>> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            MfaState state = fixture.atAal2("bob");
            sessions.add(() -> kind(fixture.useCases.factors().remove(caller(state), factorId,
                    Optional.of(Proof.authenticatorCode(code)))));
        }
        Race.run(sessions);
        assertEquals(THRESHOLD, fixture.count(SecurityEventType.SECOND_FACTOR_FAILED),
                "fresh proofs evaluated of " + SESSIONS);
        assertEquals(1, fixture.factors.findConfirmed("bob").size(), "nothing removed");
    }

    @Test
    void doesNotCountAMalformedCodeTowardsTheAccountLock() {
        String code = fixture.wrongCode(fixture.enrolledApp("carol"));
        for (int i = 0; i < THRESHOLD - 2; i++) {
            assertInstanceOf(Refusal.WrongProof.class, ((Outcome.Refused<?>) wrongAtSignIn("carol", code)).refusal());
        }
        assertThrows(InvalidRequestException.class, () -> wrongAtSignIn("carol", "12345a"));
        assertEquals("WrongProof", kind(wrongAtSignIn("carol", code)), "the ninth failure, not the tenth");
        assertEquals("Locked", kind(wrongAtSignIn("carol", code)), "the tenth locks");
    }
}
