package dev.tollgate.otp;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * TOTP, the time-based one-time password of RFC 6238: generation and verification over a window of time steps.
 *
 * <pre>{@code
 * Totp totp = new Totp(OtpParameters.DEFAULT, 1);           // one step of drift either side
 * Optional<TotpMatch> match = totp.verify(secret, OtpCode.parse(input, 6), clock.instant(), lastAcceptedStep);
 * match.ifPresent(m -> factor.acceptStep(m.timeStep()));    // refuse this code from now on
 * }</pre>
 *
 * <p>Verification computes and compares every code of the window, whatever matches, and compares with
 * {@link MessageDigest#isEqual(byte[], byte[])}, so a wrong code costs the same time as a right one and timing says
 * nothing about which step, or which digits, were close. Instances are immutable and thread-safe.
 */
public final class Totp {

    /** The largest window accepted: RFC 6238 section 5.2 recommends at most one step of network delay. */
    public static final int MAX_WINDOW = 10;

    /** Means "no step accepted yet" for {@link #verify(Secret, OtpCode, Instant, long)}. */
    public static final long NO_STEP_ACCEPTED = Long.MIN_VALUE;

    private final OtpParameters parameters;
    private final int window;
    private final Hotp hotp;

    /**
     * Creates a TOTP generator and verifier.
     *
     * @param parameters algorithm, digits and period
     * @param window     how many steps before and after the current one are accepted, 0 to {@value #MAX_WINDOW}
     * @throws IllegalArgumentException if the window is out of range
     */
    public Totp(OtpParameters parameters, int window) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be between 0 and " + MAX_WINDOW + " steps, not "
                    + window);
        }
        this.window = window;
        this.hotp = new Hotp(parameters.algorithm(), parameters.digits());
    }

    /**
     * Returns the time step that contains an instant: T = floor((unixTime - T0) / X) with T0 = 0
     * (RFC 6238 section 4.2).
     *
     * @param instant the moment
     * @return the step number; negative before 1970
     */
    public long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), parameters.periodSeconds());
    }

    /**
     * Returns the instant a time step starts.
     *
     * @param timeStep the step number
     * @return its first second
     */
    public Instant startOf(long timeStep) {
        return Instant.ofEpochSecond(Math.multiplyExact(timeStep, parameters.periodSeconds()));
    }

    /**
     * Computes the code valid at an instant.
     *
     * @param secret  the shared key
     * @param instant the moment
     * @return the code, zero-padded
     */
    public String generate(Secret secret, Instant instant) {
        return generateForStep(secret, timeStep(instant));
    }

    /**
     * Computes the code of one time step.
     *
     * @param secret   the shared key
     * @param timeStep the step number
     * @return the code, zero-padded
     */
    public String generateForStep(Secret secret, long timeStep) {
        return hotp.generate(secret, timeStep);
    }

    /**
     * Checks a code against every step of the window around {@code now}.
     *
     * @param secret the shared key
     * @param code   the parsed code
     * @param now    the server's time
     * @return the matched step, or empty if no step of the window produced the code
     */
    public Optional<TotpMatch> verify(Secret secret, OtpCode code, Instant now) {
        return verify(secret, code, now, NO_STEP_ACCEPTED);
    }

    /**
     * Checks a code against the steps of the window that come after the last accepted one, so that a code seen once
     * cannot be replayed, nor an older code be used after a newer one (RFC 6238 section 5.2).
     *
     * @param secret           the shared key
     * @param code             the parsed code
     * @param now              the server's time
     * @param lastAcceptedStep the step of the last code this factor accepted, or {@link #NO_STEP_ACCEPTED}
     * @return the matched step, or empty if no eligible step produced the code
     */
    public Optional<TotpMatch> verify(Secret secret, OtpCode code, Instant now, long lastAcceptedStep) {
        Objects.requireNonNull(code, "code");
        if (code.length() != parameters.digits()) {
            return Optional.empty();
        }
        long current = timeStep(now);
        long first = current - window;
        byte[][] candidates = hotp.generateRange(secret, first, 2 * window + 1);
        byte[] given = code.ascii();
        long matched = NO_STEP_ACCEPTED;
        // no early exit: every candidate is compared, and the latest eligible match wins
        for (int i = 0; i < candidates.length; i++) {
            long step = first + i;
            boolean equal = MessageDigest.isEqual(candidates[i], given);
            if (equal & step > lastAcceptedStep) {
                matched = step;
            }
        }
        if (matched == NO_STEP_ACCEPTED) {
            return Optional.empty();
        }
        return Optional.of(new TotpMatch(matched, Math.toIntExact(matched - current)));
    }

    /**
     * Returns the algorithm, digits and period.
     *
     * @return the parameters
     */
    public OtpParameters parameters() {
        return parameters;
    }

    /**
     * Returns how many steps either side of the current one are accepted.
     *
     * @return the window
     */
    public int window() {
        return window;
    }
}
