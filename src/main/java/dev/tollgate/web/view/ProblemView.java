package dev.tollgate.web.view;

/**
 * A page that only says what went wrong ({@code problem.jte}).
 *
 * @param error what went wrong
 * @param signInLink whether to offer to sign in again
 */
public record ProblemView(Message error, boolean signInLink) implements View {

    @Override
    public String template() {
        return "problem.jte";
    }
}
