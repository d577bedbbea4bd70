package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.otp.HashAlgorithm;
import dev.tollgate.otp.OtpCode;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TestAuthenticatorTest {

    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890". */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    /** Ten seconds into a step, so that moving by less than 20 s stays in it. */
    private static final Instant IN_A_STEP = Instant.ofEpochSecond(59L * 30 * 1000 + 10);

    private final MovableClock clock = new MovableClock(IN_A_STEP);

    private TestAuthenticator app(int serverWindow) {
        return new TestAuthenticator(Secret.fromBase32(RFC_SECRET), OtpParameters.DEFAULT, serverWindow, clock,
                clock.pause(), new AtomicLong(Totp.NO_STEP_ACCEPTED));
    }

    /** What the server does: the window of one step, and each step accepted once (RFC 6238 section 5.2). */
    private long serverAccepts(String code, long lastAccepted) {
        return new Totp(OtpParameters.DEFAULT, 1).verify(Secret.fromBase32(RFC_SECRET), OtpCode.parse(code, 6),
                clock.instant(), lastAccepted).orElseThrow(() -> new AssertionError(code + " refused")).timeStep();
    }

    @Test
    void givesTheRfcCodesOfTheCurrentAndNextStep() {
        // RFC 6238 appendix B: at T = 59 s the 8-digit SHA-1 code is 94287082, so the 6-digit one is 287082
        clock.move(Duration.between(clock.instant(), Instant.ofEpochSecond(59)));
        assertEquals("287082", app(1).currentCode());
        // at 1111111109 it is 07081804: the step after the one of 1111111050
        clock.move(Duration.between(clock.instant(), Instant.ofEpochSecond(1111111050)));
        assertEquals("081804", app(1).nextCode());
    }

    @Test
    void neverGivesOutAStepTwiceAndWaitsOnlyWhenTheServerWouldRefuse() {
        TestAuthenticator app = app(1);
        long last = Totp.NO_STEP_ACCEPTED;
        Set<Long> steps = new HashSet<>();
        for (int signIn = 0; signIn < 6; signIn++) {
            last = serverAccepts(app.freshCode(), last);
            assertTrue(steps.add(last), "step " + last + " given out twice");
            assertEquals(last, app.lastUsedStep());
        }
        // six sign-ins at once: the current step and the next one for free, then one wait per further sign-in, each
        // until the step that lets the server take the next step's code early
        assertEquals(Duration.ofSeconds(20 + 30 * 3), clock.waited());
    }

    @Test
    void usesTheNextStepAtOnceAfterTheCurrentOne() {
        TestAuthenticator app = app(1);
        String first = app.freshCode();
        String second = app.freshCode();
        assertEquals(app.nextCode(), second);
        assertNotEquals(first, second);
        assertEquals(Duration.ZERO, clock.waited());
    }

    @Test
    void waitsForTheNextStepWhenTheServerTakesNoEarlyCode() {
        TestAuthenticator app = app(0);
        app.freshCode();
        String code = app.freshCode();
        assertEquals(Duration.ofSeconds(20), clock.waited());
        assertEquals(app.currentCode(), code);
    }

    @Test
    void anInstanceForAnotherWindowSharesTheStepsUsed() {
        TestAuthenticator app = app(1);
        app.freshCode();
        TestAuthenticator strict = app.withServerWindow(0);
        strict.freshCode();
        assertEquals(app.lastUsedStep(), strict.lastUsedStep());
        assertEquals(Duration.ofSeconds(20), clock.waited());
    }

    @Test
    void readsTheParametersOfTheKeyUri() {
        TestAuthenticator app = TestAuthenticator.fromKeyUri("otpauth://totp/ACME:alice?secret=" + RFC_SECRET
                + "&issuer=ACME&algorithm=SHA256&digits=8&period=60");
        assertEquals(new OtpParameters(HashAlgorithm.SHA256, 8, Duration.ofSeconds(60)), app.parameters());
        assertEquals(RFC_SECRET, app.secret());
        assertEquals(8, app.currentCode().length());
    }

    @Test
    void refusesWhatIsNotASecret() {
        assertThrows(InvalidRequestException.class, () -> TestAuthenticator.fromSecret("not base32!"));
        assertThrows(InvalidRequestException.class, () -> TestAuthenticator.fromKeyUri("https://example.com/"));
    }

    @Test
    void keepsTheSecretOutOfItsDescription() {
        assertTrue(!TestAuthenticator.fromSecret(RFC_SECRET).toString().contains(RFC_SECRET));
    }
}
