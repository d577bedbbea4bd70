/**
 * Tollgate: drop-in multi-factor authentication for Jakarta EE web applications.
 *
 * <p>This package holds the exception hierarchy shared by every layer. The OTP mathematics lives in
 * {@link dev.tollgate.otp}, which imports nothing from Jakarta EE.
 */
package dev.tollgate;
