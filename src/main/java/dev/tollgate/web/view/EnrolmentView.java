package dev.tollgate.web.view;

/**
 * Adding an authenticator app ({@code enrolment.jte}): name it, scan the QR code or type the key, enter a code.
 *
 * @param error what went wrong with the last try, or {@code null}
 * @param returnTo the application's page to go on to afterwards, or {@code null}
 * @param label the name typed so far ({@code ""} for none)
 * @param qrCode the QR code of the key URI, as a {@code data:} URL
 * @param entry how the entry appears in the app ({@code issuer: account})
 * @param secret the secret in Base32, grouped for typing
 */
public record EnrolmentView(Message error, String returnTo, String label, String qrCode, String entry,
        String secret) implements View {

    @Override
    public String template() {
        return "enrolment.jte";
    }
}
