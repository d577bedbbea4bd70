package dev.tollgate.web.view;

/**
 * After a sign-in with a recovery code ({@code recoveryUsed.jte}): how many are left, and the way on.
 *
 * @param left unused recovery codes
 * @param continueUrl the application's page to go on to
 */
public record RecoveryUsedView(long left, String continueUrl) implements View {

    @Override
    public String template() {
        return "recoveryUsed.jte";
    }
}
