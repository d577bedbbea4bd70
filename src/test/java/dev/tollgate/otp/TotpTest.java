package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** RFC 6238 Appendix B: the seeds are the ASCII digits repeated to the hash's output length. */
    private static Secret rfc6238Seed(HashAlgorithm algorithm) {
        String seed = switch (algorithm) {
            case SHA1 -> "12345678901234567890";
            case SHA256 -> "12345678901234567890123456789012";
            case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
        return Secret.fromBytes(seed.getBytes(StandardCharsets.US_ASCII));
    }

    private static final Secret SECRET = Secret.fromBase32("JBSWY3DPEHPK3PXP");
    private static final Totp TOTP = new Totp(OtpParameters.DEFAULT, 1);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_015L); // 15 s into step 56666667

    @ParameterizedTest(name = "{1} at {0} s gives {2}")
    @CsvSource({
        // RFC 6238 Appendix B, every row: time, mode, 8-digit TOTP
        "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826",
    })
    void matchesEveryRfc6238AppendixBVector(long unixTime, HashAlgorithm algorithm, String expected) {
        Totp totp = new Totp(new OtpParameters(algorithm, 8, Duration.ofSeconds(30)), 1);
        Instant at = Instant.ofEpochSecond(unixTime);
        Secret seed = rfc6238Seed(algorithm);

        assertEquals(expected, totp.generate(seed, at));
        Optional<TotpMatch> match = totp.verify(seed, OtpCode.parse(expected, 8), at);
        assertEquals(Optional.of(new TotpMatch(unixTime / 30, 0)), match);
    }

    @Test
    void computesTheTimeStepAsRfc6238Section4Says() {
        assertEquals(1L, TOTP.timeStep(Instant.ofEpochSecond(59)));
        assertEquals(0x23523EC, TOTP.timeStep(Instant.ofEpochSecond(1111111109))); // RFC 6238 Appendix B's T
        assertEquals(0x27BC86AA, TOTP.timeStep(Instant.ofEpochSecond(20000000000L)));
        assertEquals(Instant.ofEpochSecond(30), TOTP.startOf(1));
    }

    @Test
    void acceptsTheCurrentCodeAndReportsItsStep() {
        long step = TOTP.timeStep(NOW);
        OtpCode code = OtpCode.parse(TOTP.generateForStep(SECRET, step), 6);
        assertEquals(Optional.of(new TotpMatch(step, 0)), TOTP.verify(SECRET, code, NOW));
    }

    @Test
    void acceptsCodeFromOneStepEarlierAtWindowOne() {
        long step = TOTP.timeStep(NOW);
        OtpCode code = OtpCode.parse(TOTP.generateForStep(SECRET, step - 1), 6);
        assertEquals(Optional.of(new TotpMatch(step - 1, -1)), TOTP.verify(SECRET, code, NOW));
    }

    @Test
    void acceptsCodeFromOneStepLaterAtWindowOne() {
        long step = TOTP.timeStep(NOW);
        OtpCode code = OtpCode.parse(TOTP.generateForStep(SECRET, step + 1), 6);
        assertEquals(Optional.of(new TotpMatch(step + 1, 1)), TOTP.verify(SECRET, code, NOW));
    }

    @Test
    void rejectsCodeFromTwoStepsAgo() {
        long step = TOTP.timeStep(NOW);
        OtpCode code = OtpCode.parse(TOTP.generateForStep(SECRET, step - 2), 6);
        assertEquals(Optional.empty(), TOTP.verify(SECRET, code, NOW));
    }

    @Test
    void rejectsCodeFromTwoStepsAhead() {
        long step = TOTP.timeStep(NOW);
        OtpCode code = OtpCode.parse(TOTP.generateForStep(SECRET, step + 2), 6);
        assertEquals(Optional.empty(), TOTP.verify(SECRET, code, NOW));
    }

    @Test
    void windowZeroAcceptsOnlyTheCurrentStep() {
        Totp strict = new Totp(OtpParameters.DEFAULT, 0);
        long step = strict.timeStep(NOW);
        assertTrue(strict.verify(SECRET, OtpCode.parse(strict.generateForStep(SECRET, step), 6), NOW).isPresent());
        assertFalse(strict.verify(SECRET, OtpCode.parse(strict.generateForStep(SECRET, step - 1), 6), NOW)
                .isPresent());
    }

    @Test
    void wideWindowAcceptsItsOuterSteps() {
        Totp wide = new Totp(OtpParameters.DEFAULT, 3);
        long step = wide.timeStep(NOW);
        OtpCode early = OtpCode.parse(wide.generateForStep(SECRET, step - 3), 6);
        OtpCode tooEarly = OtpCode.parse(wide.generateForStep(SECRET, step - 4), 6);
        assertEquals(Optional.of(new TotpMatch(step - 3, -3)), wide.verify(SECRET, early, NOW));
        assertEquals(Optional.empty(), wide.verify(SECRET, tooEarly, NOW));
    }

    @Test
    void stepBoundaryMovesTheWindow() {
        Instant lastSecondOfStep = Instant.ofEpochSecond(1_700_000_009L); // step 56666666 ends at ...010
        Instant firstSecondOfNext = lastSecondOfStep.plusSeconds(1);
        long step = TOTP.timeStep(lastSecondOfStep);
        assertEquals(step + 1, TOTP.timeStep(firstSecondOfNext));
        OtpCode previous = OtpCode.parse(TOTP.generateForStep(SECRET, step - 1), 6);
        assertTrue(TOTP.verify(SECRET, previous, lastSecondOfStep).isPresent());
        assertFalse(TOTP.verify(SECRET, previous, firstSecondOfNext).isPresent());
    }

    @Test
    void refusesTheSameCodeOnceItsStepWasAccepted() {
        long step = TOTP.timeStep(NOW);
        OtpCode code = OtpCode.parse(TOTP.generateForStep(SECRET, step), 6);
        TotpMatch first = TOTP.verify(SECRET, code, NOW, Totp.NO_STEP_ACCEPTED).orElseThrow();
        assertEquals(Optional.empty(), TOTP.verify(SECRET, code, NOW, first.timeStep()));
        assertEquals(Optional.empty(), TOTP.verify(SECRET, code, NOW.plusSeconds(29), first.timeStep()));
    }

    @Test
    void refusesAnOlderCodeAfterANewerOneWasAccepted() {
        long step = TOTP.timeStep(NOW);
        OtpCode older = OtpCode.parse(TOTP.generateForStep(SECRET, step - 1), 6);
        assertEquals(Optional.empty(), TOTP.verify(SECRET, older, NOW, step));
    }

    @Test
    void acceptsALaterCodeAfterAnEarlierWasAccepted() {
        long step = TOTP.timeStep(NOW);
        OtpCode next = OtpCode.parse(TOTP.generateForStep(SECRET, step + 1), 6);
        assertEquals(Optional.of(new TotpMatch(step + 1, 1)), TOTP.verify(SECRET, next, NOW, step));
    }

    @Test
    void rejectsAWrongCode() {
        long step = TOTP.timeStep(NOW);
        String right = TOTP.generateForStep(SECRET, step);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        assertEquals(Optional.empty(), TOTP.verify(SECRET, OtpCode.parse(wrong, 6), NOW));
    }

    @Test
    void rejectsACodeOfAnotherSecret() {
        Secret other = Secret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        OtpCode code = OtpCode.parse(TOTP.generate(other, NOW), 6);
        assertEquals(Optional.empty(), TOTP.verify(SECRET, code, NOW));
    }

    @Test
    void rejectsACodeOfTheWrongLength() {
        Totp eight = new Totp(new OtpParameters(HashAlgorithm.SHA1, 8, Duration.ofSeconds(30)), 1);
        String sixDigits = TOTP.generate(SECRET, NOW);
        assertEquals(Optional.empty(), eight.verify(SECRET, OtpCode.parse(sixDigits, 6), NOW));
    }

    @Test
    void honoursAnotherPeriod() {
        Totp sixty = new Totp(new OtpParameters(HashAlgorithm.SHA1, 6, Duration.ofSeconds(60)), 0);
        assertEquals(1_700_000_015L / 60, sixty.timeStep(NOW));
        assertEquals(new Hotp(HashAlgorithm.SHA1, 6).generate(SECRET, 1_700_000_015L / 60),
                sixty.generate(SECRET, NOW));
    }

    @Test
    void refusesAWindowOutsideItsRange() {
        assertThrows(IllegalArgumentException.class, () -> new Totp(OtpParameters.DEFAULT, -1));
        assertThrows(IllegalArgumentException.class, () -> new Totp(OtpParameters.DEFAULT, Totp.MAX_WINDOW + 1));
    }
}
