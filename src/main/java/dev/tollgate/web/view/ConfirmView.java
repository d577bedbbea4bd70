package dev.tollgate.web.view;

/**
 * The request for a fresh proof of a factor before a step that changes how the account is protected
 * ({@code confirm.jte}).
 *
 * @param returnTo the Tollgate page to go back to afterwards
 * @param error    what went wrong with the last try, or {@code null}
 */
public record ConfirmView(String returnTo, Message error) implements View {

    @Override
    public String template() {
        return "confirm.jte";
    }
}
