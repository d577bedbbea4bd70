package dev.tollgate.web.view;

/**
 * The confirmation of a factor's removal with a fresh code or a recovery code ({@code removal.jte}).
 *
 * @param factorId the factor to remove
 * @param label its name
 * @param last whether it is the user's only factor
 * @param error what went wrong with the last try, or {@code null}
 */
public record RemovalView(String factorId, String label, boolean last, Message error) implements View {

    @Override
    public String template() {
        return "removal.jte";
    }
}
