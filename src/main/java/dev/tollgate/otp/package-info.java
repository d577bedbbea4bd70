/**
 * One-time-password mathematics: HOTP (RFC 4226), TOTP (RFC 6238), shared secrets and their Base32 form, the
 * {@code otpauth://} key URI and its QR code.
 *
 * <p>This package imports nothing from Jakarta EE, so it is usable and testable on its own. Start with
 * {@link dev.tollgate.otp.Totp}.
 */
package dev.tollgate.otp;
