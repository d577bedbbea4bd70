package dev.tollgate.web.view;

/**
 * Tollgate's own sign-in page, for applications without one ({@code login.jte}).
 *
 * @param error what went wrong with the last try, or {@code null}
 * @param returnTo the application's page to go on to, or {@code null}
 */
public record LoginView(Message error, String returnTo) implements View {

    @Override
    public String template() {
        return "login.jte";
    }
}
