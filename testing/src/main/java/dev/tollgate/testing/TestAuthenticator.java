package dev.tollgate.testing;

import dev.tollgate.otp.OtpAuthUri;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The authenticator app of a test: the codes of a TOTP factor, computed from the secret or the {@code otpauth://} URI
 * that enrolment returned, with Tollgate's own {@link Totp}, so the same maths as the server's.
 *
 * <pre>{@code
 * TestAuthenticator app = TestAuthenticator.fromKeyUri(created.getString("otpauthUrl"));
 * String code = app.freshCode();     // a code of a time step this authenticator has not given out yet
 * String now = app.currentCode();    // the code an app would show now
 * }</pre>
 *
 * <p>Tollgate accepts each time step of a factor once, and none older than the last one it accepted (RFC 6238
 * section 5.2), so two sign-ins within the same 30 seconds cannot use the same code. {@link #freshCode()} remembers
 * the last step it gave out and never gives out that step, or an older one, again: it takes the current step, or else
 * the next one, which the server accepts early within its window of one step (Tollgate's default
 * {@code tollgate.totp.window}); only when that one was used too does it wait until the next step starts. Keep one
 * instance per factor for this to work: a second instance made from the same secret knows nothing of the first's
 * codes. Instances are thread-safe.
 *
 * <p>The server and the test must agree on the time: fine on one machine, as in-container tests and a test server on
 * loopback are.
 */
public final class TestAuthenticator {

    /** The window of Tollgate's default {@code tollgate.totp.window}: one step either side of the current one. */
    public static final int DEFAULT_SERVER_WINDOW = 1;

    private final Secret secret;
    private final Totp totp;
    private final int serverWindow;
    private final Clock clock;
    private final Pause pause;
    /** The last step given out by {@link #freshCode()}; shared by the instances of {@link #withServerWindow}. */
    private final AtomicLong lastUsedStep;

    TestAuthenticator(Secret secret, OtpParameters parameters, int serverWindow, Clock clock, Pause pause,
            AtomicLong lastUsedStep) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.totp = new Totp(parameters, 0);
        if (serverWindow < 0 || serverWindow > Totp.MAX_WINDOW) {
            throw new IllegalArgumentException("serverWindow must be between 0 and " + Totp.MAX_WINDOW + ", not "
                    + serverWindow);
        }
        this.serverWindow = serverWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.lastUsedStep = lastUsedStep;
    }

    /**
     * Makes the authenticator of an {@code otpauth://totp/...} key URI, with its algorithm, digits and period.
     *
     * @param keyUri the URI, as in the {@code otpauthUrl} of {@code POST /mfa/api/factors/totp}
     * @return the authenticator
     * @throws dev.tollgate.InvalidRequestException if the URI is not a TOTP key URI
     */
    public static TestAuthenticator fromKeyUri(String keyUri) {
        OtpAuthUri parsed = OtpAuthUri.parse(Objects.requireNonNull(keyUri, "keyUri"));
        return create(parsed.secret(), parsed.parameters());
    }

    /**
     * Makes the authenticator of a Base32 secret with the parameters every app uses (SHA-1, 6 digits, 30 seconds),
     * Tollgate's for every factor it enrols.
     *
     * @param base32 the secret, as in the {@code secret} of {@code POST /mfa/api/factors/totp}; spaces and case do not
     *               matter
     * @return the authenticator
     * @throws dev.tollgate.InvalidRequestException if the text is not Base32
     */
    public static TestAuthenticator fromSecret(String base32) {
        return create(Secret.fromBase32(Objects.requireNonNull(base32, "base32")), OtpParameters.DEFAULT);
    }

    private static TestAuthenticator create(Secret secret, OtpParameters parameters) {
        return new TestAuthenticator(secret, parameters, DEFAULT_SERVER_WINDOW, Clock.systemUTC(),
                Pause.SLEEP, new AtomicLong(Totp.NO_STEP_ACCEPTED));
    }

    /**
     * Returns this authenticator for a server whose {@code tollgate.totp.window} is not the default: with 0, the
     * next step's code is refused until that step starts, so {@link #freshCode()} waits for it instead. The two
     * instances share the memory of the steps used.
     *
     * @param steps the server's {@code tollgate.totp.window}
     * @return the authenticator
     * @throws IllegalArgumentException if the window is out of Tollgate's range
     */
    public TestAuthenticator withServerWindow(int steps) {
        return new TestAuthenticator(secret, totp.parameters(), steps, clock, pause, lastUsedStep);
    }

    /**
     * Returns the code an authenticator app shows now. It does not count as used: {@link #freshCode()} may give it
     * out later.
     *
     * @return the current step's code
     */
    public String currentCode() {
        return totp.generateForStep(secret, currentStep());
    }

    /**
     * Returns the code of the step after the current one, which an app shows when the current step ends.
     *
     * @return the next step's code
     */
    public String nextCode() {
        return totp.generateForStep(secret, currentStep() + 1);
    }

    /**
     * Returns a code the server has not seen from this authenticator and accepts now, and remembers its step: the
     * current step's code if no later step was used, else the next step's while the server's window takes it, else
     * (after two sign-ins within one step) the next step's after waiting until the current one ends.
     *
     * @return the code, to send at once
     * @throws IllegalStateException if the thread is interrupted while waiting
     */
    public synchronized String freshCode() {
        long step = Math.max(currentStep(), lastUsedStep.get() + 1);
        long acceptedFrom = step - serverWindow;
        if (acceptedFrom > currentStep()) {
            try {
                pause.until(totp.startOf(acceptedFrom), clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next time step", e);
            }
            step = Math.max(currentStep(), step);
        }
        lastUsedStep.set(step);
        return totp.generateForStep(secret, step);
    }

    /**
     * Returns the time step of the last code {@link #freshCode()} gave out.
     *
     * @return the step number (Unix time divided by the period), or {@link Totp#NO_STEP_ACCEPTED} if none
     */
    public long lastUsedStep() {
        return lastUsedStep.get();
    }

    /**
     * Returns the secret in Base32, as an app shows it for typing in.
     *
     * @return the secret, unpadded upper-case Base32
     */
    public String secret() {
        return secret.base32();
    }

    /**
     * Returns the algorithm, digits and period of the codes.
     *
     * @return the parameters
     */
    public OtpParameters parameters() {
        return totp.parameters();
    }

    private long currentStep() {
        return totp.timeStep(clock.instant());
    }

    /** Returns a description without the secret. */
    @Override
    public String toString() {
        return "TestAuthenticator[" + totp.parameters() + ", lastUsedStep=" + lastUsedStep.get() + "]";
    }

    /** Waits until an instant of a clock: a sleep in production, a move of the clock in this artifact's tests. */
    @FunctionalInterface
    interface Pause {

        /** Sleeps until the clock reaches the instant; a sleep may end early, so it sleeps again for the rest. */
        Pause SLEEP = (instant, clock) -> {
            for (Duration left = Duration.between(clock.instant(), instant); left.compareTo(Duration.ZERO) > 0;
                    left = Duration.between(clock.instant(), instant)) {
                Thread.sleep(left.toMillis() + 1);
            }
        };

        void until(Instant instant, Clock clock) throws InterruptedException;
    }
}
