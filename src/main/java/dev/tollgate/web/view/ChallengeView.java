package dev.tollgate.web.view;

/**
 * The second step of a sign-in ({@code challenge.jte}): a code from an app, a security key, or a recovery code.
 *
 * @param app whether the user has an authenticator app (a code form is shown)
 * @param key whether the user has a security key that can be used here
 * @param keyFirst whether the key comes first, with the code form folded below it
 * @param account who is signing in where, as the app shows it ({@code issuer: user})
 * @param error what went wrong with the last try, or {@code null}
 * @param attemptsLeft tries left in this sign-in after a wrong one (a warning from two down), or 0
 * @param transactionId the sign-in's transaction id, for the security-key script
 * @param done where the script goes after the key signed in
 */
public record ChallengeView(boolean app, boolean key, boolean keyFirst, String account, Message error,
        int attemptsLeft, String transactionId, String done) implements View {

    @Override
    public String template() {
        return "challenge.jte";
    }
}
