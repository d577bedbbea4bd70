package dev.tollgate.web.view;

import java.util.List;

/**
 * The user's sign-in methods ({@code factors.jte}).
 *
 * @param error what went wrong with the last change, or {@code null}
 * @param username who is signed in
 * @param twoSteps whether this session signed in with two steps
 * @param factors the confirmed factors, oldest first
 * @param securityKeys whether security keys can be added here
 * @param optedOut whether the user asked not to be offered enrolment
 * @param recoveryCodesLeft unused recovery codes (shown when there is a factor)
 */
public record FactorsView(Message error, String username, boolean twoSteps, List<Row> factors, boolean securityKeys,
        boolean optedOut, long recoveryCodesLeft) implements View {

    public FactorsView {
        factors = List.copyOf(factors);
    }

    @Override
    public String template() {
        return "factors.jte";
    }

    /**
     * One factor of the list.
     *
     * @param id the factor's id
     * @param label its name
     * @param created when it was added, formatted for the reader
     * @param lastUsed when it last signed in, formatted, or {@code null} for never
     */
    public record Row(String id, String label, String created, String lastUsed) {
    }
}
