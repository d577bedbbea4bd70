package dev.tollgate.web.view;

/**
 * The enrolment choices after the password ({@code choice.jte}): set up now, not now, and (where the policy lets the
 * user go without a factor) don't ask me again.
 *
 * @param error what went wrong, or {@code null}
 * @param mustEnrol whether the policy requires a factor (a grace period: no opting out)
 * @param graceSignInsLeft sign-ins left in the grace period, or {@code null} where they are not counted
 * @param graceUntil the grace period's last day, formatted, or {@code null} where it has none
 * @param enrolUrl the enrolment page, with the return path
 * @param returnTo the application's page to go on to, or {@code null}
 */
public record ChoiceView(Message error, boolean mustEnrol, Integer graceSignInsLeft, String graceUntil,
        String enrolUrl, String returnTo) implements View {

    @Override
    public String template() {
        return "choice.jte";
    }
}
