package dev.tollgate.otp;

/**
 * Which time step a verified TOTP code belonged to.
 *
 * <p>Store {@link #timeStep()} as the factor's last accepted step and pass it to the next verification, so that the
 * same code cannot be used twice (RFC 6238 section 5.2).
 *
 * @param timeStep the matched time step T of RFC 6238 section 4.2
 * @param drift    how many steps the matched step lies from the server's current one: negative when the
 *                 authenticator's clock is behind, positive when ahead
 */
public record TotpMatch(long timeStep, int drift) {
}
