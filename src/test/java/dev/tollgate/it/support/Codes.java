package dev.tollgate.it.support;

import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.time.Instant;

/**
 * The authenticator app of the tests: computes codes from the secret the server returned.
 *
 * <p>Each code of a factor must come from a later time step than the last one it accepted. Tests never sleep for
 * that: with the default window of one step either side, they use the code of the previous step, then the current,
 * then the next, each relative to the time of the request. The steps only move forward even if the clock crosses a
 * step boundary during the test.
 */
public final class Codes {

    private static final Totp TOTP = new Totp(OtpParameters.DEFAULT, 1);

    private Codes() {
    }

    /** Time left in the current step below which {@link #previousStep} waits for the next one. */
    private static final long MARGIN_MILLIS = 5_000;

    /**
     * Returns the code of the previous step, which the server accepts only until the current step ends: when less
     * than a few seconds of the current step are left, it first waits for the next step to begin (at most those few
     * seconds), so that the request carrying the code cannot reach the server after the boundary, where the code is
     * two steps old and refused. Enrolment confirms with this code, leaving the current and the next step's codes to
     * the sign-ins that follow.
     *
     * @param base32 the secret as the enrolment returned it
     * @return the code of the step before the current one
     */
    public static String previousStep(String base32) {
        long stepMillis = OtpParameters.DEFAULT.period().toMillis();
        long left = stepMillis - Math.floorMod(System.currentTimeMillis(), stepMillis);
        if (left < MARGIN_MILLIS) {
            try {
                // waiting for a moment of the clock, not for something to happen: no event to wait on
                Thread.sleep(left + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next time step", e);
            }
        }
        return code(base32, -1);
    }

    /**
     * Returns the code of the step {@code offset} steps from now.
     *
     * @param base32 the secret as the enrolment returned it
     * @param offset -1, 0 or 1 for a code the server accepts; further off for a phone with a wrong clock
     * @return the code
     */
    public static String code(String base32, int offset) {
        long step = TOTP.timeStep(Instant.now()) + offset;
        return TOTP.generateForStep(Secret.fromBase32(base32), step);
    }

    /**
     * Returns a code that is certainly wrong now (none of the window's steps produces it).
     *
     * @param base32 the secret
     * @return a wrong code
     */
    public static String wrongCode(String base32) {
        Secret secret = Secret.fromBase32(base32);
        long step = TOTP.timeStep(Instant.now());
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean used = false;
            for (int offset = -12; offset <= 12; offset++) {
                used |= TOTP.generateForStep(secret, step + offset).equals(code);
            }
            if (!used) {
                return code;
            }
        }
    }
}
