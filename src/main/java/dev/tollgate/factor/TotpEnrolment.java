package dev.tollgate.factor;

import dev.tollgate.otp.OtpAuthUri;
import dev.tollgate.otp.Secret;

/**
 * A TOTP factor whose enrolment has started: what the user needs to add it to an authenticator app. The factor
 * counts for sign-in once {@link TotpFactors#confirm(String, String, String)} accepted a first code.
 *
 * @param factorId the new factor's id
 * @param secret   the shared secret, shown once for manual entry
 * @param keyUri   the {@code otpauth://} URI for the QR code
 */
public record TotpEnrolment(String factorId, Secret secret, OtpAuthUri keyUri) {

    /** Returns a description without the secret. */
    @Override
    public String toString() {
        return "TotpEnrolment[factorId=" + factorId + "]";
    }
}
