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
