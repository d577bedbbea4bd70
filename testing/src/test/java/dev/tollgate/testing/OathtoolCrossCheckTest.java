package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.otp.HashAlgorithm;
import dev.tollgate.otp.OtpAuthUri;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-checks the codes a test gets from {@link TestAuthenticator} against oathtool (GNU liboath), an independent
 * implementation: from the key URI an enrolment returns, for random secrets, times, algorithms, digits and periods,
 * the current and the next code and each fresh code. The pattern of the core's OathtoolCrossCheckTest: skipped where
 * oathtool is missing, a failure with {@code -Dtollgate.requireExternalTools=true} (as in CI).
 */
class OathtoolCrossCheckTest {

    private static final int CASES_PER_ALGORITHM = 40;
    private static final DateTimeFormatter OATHTOOL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void givesTheCodesOathtoolGives(HashAlgorithm algorithm) {
        Path oathtool = requireOathtool();
        Random random = new Random(20261203L + algorithm.ordinal()); // fixed seed: a failure can be replayed
        for (int i = 0; i < CASES_PER_ALGORITHM; i++) {
            byte[] key = new byte[20 + random.nextInt(45)];
            random.nextBytes(key);
            int digits = 6 + random.nextInt(3);
            int period = i % 2 == 0 ? 30 : 15 + random.nextInt(106);
            Instant at = Instant.ofEpochSecond(random.nextLong(1_000_000_000L, 4_102_444_800L));
            OtpParameters parameters = new OtpParameters(algorithm, digits, Duration.ofSeconds(period));
            String uri = new OtpAuthUri("Expenses", "alice", Secret.fromBytes(key), parameters).toUriString();
            MovableClock clock = new MovableClock(at);
            TestAuthenticator fromUri = TestAuthenticator.fromKeyUri(uri);
            TestAuthenticator app = new TestAuthenticator(Secret.fromBase32(fromUri.secret()), fromUri.parameters(),
                    1, clock, clock.pause(), new AtomicLong(Totp.NO_STEP_ACCEPTED));
            String base32 = fromUri.secret();
            String mode = "--totp=" + algorithm.uriName().toLowerCase();
            String[] options = {mode, "--base32", "--digits=" + digits, "--time-step-size=" + period + "s",
                "--now=" + OATHTOOL_TIME.format(at), "--window=1", base32};
            // oathtool --window=1 prints the codes of the current step and the next one, one a line
            List<String> expected = List.of(run(oathtool, options).split("\n"));
            String context = algorithm + " digits=" + digits + " period=" + period + " at=" + at.getEpochSecond();
            assertEquals(expected.get(0), app.currentCode(), context);
            assertEquals(expected.get(1), app.nextCode(), context);
            assertEquals(expected.get(0), app.freshCode(), context);
            assertEquals(expected.get(1), app.freshCode(), context);
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void readsTheBase32SecretAsOathtoolDoes(HashAlgorithm algorithm) {
        Path oathtool = requireOathtool();
        Random random = new Random(7L + algorithm.ordinal());
        byte[] key = new byte[20];
        random.nextBytes(key);
        // grouped in fours and lower case, as a person copies it from the enrolment page
        String typed = Secret.fromBytes(key).base32Grouped().toLowerCase();
        String expected = run(oathtool, "--totp", "--base32", typed.replace(" ", ""));
        assertEquals(expected, TestAuthenticator.fromSecret(typed).currentCode());
    }

    /** Finds oathtool, or skips (or, with tollgate.requireExternalTools=true, fails). */
    private static Path requireOathtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "oathtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "oathtool is not installed (Debian package oathtool)";
        if (Boolean.getBoolean("tollgate.requireExternalTools")) {
            fail(message + ", and tollgate.requireExternalTools=true demands it");
        }
        assumeTrue(false, message + "; skipping the cross-check");
        throw new AssertionError("unreachable");
    }

    private static String run(Path executable, String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(command + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
