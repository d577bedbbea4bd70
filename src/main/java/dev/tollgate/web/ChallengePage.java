package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorType;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;

/** {@code <basePath>/challenge}: the code (or a recovery code) after the password. */
final class ChallengePage {

    private ChallengePage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        Tollgate tollgate = page.tollgate();
        MfaState state = Tollgate.state(page.request());
        LoginTransaction transaction = state == null ? null : state.transaction();
        if (transaction == null) {
            page.problem(400, "error.noSignIn", true);
            return;
        }
        if (transaction.purpose() == LoginTransaction.Purpose.ENROL) {
            page.response().sendRedirect(page.request().getContextPath() + tollgate.settings().basePath() + "/enroll");
            return;
        }
        if (!post) {
            show(page, 200, state, null, 0);
            return;
        }
        String recoveryCode = page.request().getParameter("recoveryCode");
        SignInFlow.Proof proof = recoveryCode != null ? new SignInFlow.RecoveryCodeProof(recoveryCode)
                : new SignInFlow.TotpCode(page.request().getParameter("code"));
        HttpSession session = page.request().getSession(false);
        SignInFlow.Verification result;
        try {
            synchronized (tollgate.lockFor(session)) {
                result = tollgate.flow().verify(Tollgate.state(page.request()), transaction.id(), proof,
                        page.request().getRemoteAddr());
                if (result.outcome() == SignInFlow.CodeOutcome.ACCEPTED) {
                    page.request().changeSessionId();
                }
                Tollgate.store(page.request(), result.state());
            }
        } catch (InvalidRequestException malformed) {
            show(page, 400, state, recoveryCode != null ? "error.malformedRecovery" : "error.malformed", 0);
            return;
        }
        switch (result.outcome()) {
            case ACCEPTED -> {
                String next = Navigation.safeReturn(transaction.returnTo());
                if (recoveryCode != null) {
                    long left = tollgate.recovery().remaining(state.identity().username());
                    RecoveryCodesPage.usedOne(page, left, next);
                    return;
                }
                Pages.continueTo(page, next);
            }
            case WRONG -> {
                int attemptsLeft = tollgate.settings().transactionMaxAttempts()
                        - result.state().transaction().failedAttempts();
                java.util.Optional<java.time.Duration> offset = tollgate.flow().clockOffset(result.state(), proof);
                if (offset.isPresent()) {
                    long minutes = Math.max(1, Math.round(Math.abs(offset.get().toSeconds()) / 60.0));
                    show(page, 401, result.state(), offset.get().isNegative() ? "error.clockBehind"
                            : "error.clockAhead", attemptsLeft, minutes);
                } else {
                    show(page, 401, result.state(),
                            recoveryCode != null ? "error.invalidRecoveryCode" : "error.invalidCode", attemptsLeft);
                }
            }
            case TOO_MANY_ATTEMPTS -> {
                ApiServlet.endSession(page.request());
                page.problem(429, "error.tooMany", true);
            }
            case LOCKED -> {
                ApiServlet.endSession(page.request());
                page.problem(429, "error.locked", true);
            }
            default -> {
                ApiServlet.endSession(page.request());
                page.problem(410, "error.expired", true);
            }
        }
    }

    private static void show(Page page, int status, MfaState state, String errorKey, int attemptsLeft,
            Object... errorArguments) throws IOException {
        String account = page.tollgate().settings().issuer() + ": " + state.identity().username();
        List<Factor> factors = page.tollgate().flow().confirmedFactors(state.identity().username());
        // keys are offered only where the WebAuthn library works; otherwise an app or a recovery code signs in
        boolean hasKey = page.tollgate().securityKeys()
                && factors.stream().anyMatch(f -> f.type() == FactorType.WEBAUTHN);
        boolean hasApp = factors.stream().anyMatch(f -> f.type() == FactorType.TOTP);
        boolean keyFirst = hasKey && (!hasApp || SignInFlow.defaultMethod(factors) == FactorType.WEBAUTHN);
        String title = hasApp ? "title.challenge" : "title.challengeKey";
        page.heading(title).error(errorKey, errorArguments);
        if (attemptsLeft > 0 && attemptsLeft <= 2) {
            page.html("<p class=\"muted\" id=\"attempts\">" + page.text("challenge.attemptsLeft", attemptsLeft)
                    + "</p>");
        }
        page.paragraph(hasApp ? "challenge.intro" : hasKey ? "webauthn.intro" : "webauthn.unavailable", account);
        if (keyFirst) {
            securityKey(page, state);
        }
        if (hasApp) {
            // the method picker: the one used last comes first, the other one folded below it
            page.html(keyFirst ? "<details id=\"use-code\"><summary>" + page.text("challenge.useCode") + "</summary>"
                    : "");
            page.form("/challenge").codeField().button("button.verify", null, "verify").endForm();
            page.html(keyFirst ? "</details>" : "");
        }
        if (hasKey && !keyFirst) {
            securityKey(page, state);
        }
        page.html("<details id=\"use-recovery\"><summary>" + page.text(hasApp ? "recovery.use" : "recovery.useNoKey")
                        + "</summary>")
                .muted("recovery.useHint")
                .form("/challenge")
                .html("<label for=\"recoveryCode\">" + page.text("recovery.label") + "</label>"
                        + "<input type=\"text\" id=\"recoveryCode\" name=\"recoveryCode\" autocomplete=\"off\""
                        + " spellcheck=\"false\" autocapitalize=\"off\" maxlength=\"20\""
                        + " placeholder=\"xxxx-xxxx-xxxx\" required>")
                .button("button.useRecovery", "secondary", "use-recovery-code").endForm()
                .html("</details>")
                .footer(false)
                .write(status, title);
    }

    /** "Use your security key": the script asks the JSON API for options, the key signs, the API checks. */
    private static void securityKey(Page page, MfaState state) {
        String next = Navigation.safeReturn(state.transaction().returnTo());
        String done = page.request().getContextPath() + (next == null ? "/" : next);
        page.html("<section id=\"security-key\" data-api=\"" + page.apiUrl() + "\" data-transaction=\""
                        + Html.escape(state.transaction().id()) + "\" data-done=\"" + Html.escape(done)
                        + "\" data-failed=\"" + page.text("webauthn.signInFailed") + "\" data-unsupported=\""
                        + page.text("webauthn.unsupported") + "\">")
                .muted("webauthn.signInHint")
                .html("<button type=\"button\" id=\"use-key\">" + page.text("webauthn.use") + "</button>"
                        + "<p class=\"error\" id=\"key-error\" role=\"alert\" hidden></p></section>")
                .webauthnScript();
    }
}
