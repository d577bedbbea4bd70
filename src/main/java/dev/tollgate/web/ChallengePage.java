package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.store.FactorType;
import dev.tollgate.twostep.LoginTransaction;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.Problem;
import dev.tollgate.twostep.Proof;
import dev.tollgate.twostep.Refusal;
import dev.tollgate.twostep.SignIn;
import dev.tollgate.twostep.Verification;
import java.io.IOException;

/** {@code <basePath>/challenge}: the code (or a recovery code) after the password. */
final class ChallengePage {

    private ChallengePage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        TollgateWeb web = page.web();
        MfaState state = web.sessions().current(page.request());
        LoginTransaction transaction = state == null ? null : state.transaction();
        if (transaction == null) {
            page.problem(400, "error.noSignIn", true);
            return;
        }
        if (transaction.purpose() == LoginTransaction.Purpose.ENROL) {
            page.response().sendRedirect(page.request().getContextPath() + web.settings().basePath() + "/enroll");
            return;
        }
        if (!post) {
            show(page, 200, state, null, 0);
            return;
        }
        Proof proof = Pages.proof(page);
        boolean recovery = proof.kind() == Proof.Kind.RECOVERY_CODE;
        Outcome<Verification.Verified> outcome;
        try {
            outcome = web.sessions().update(page.request(),
                    caller -> web.useCases().verification().verify(caller, transaction.id(), proof));
        } catch (InvalidRequestException malformed) {
            show(page, 400, state, recovery ? "error.malformedRecovery" : "error.malformed", 0);
            return;
        }
        if (outcome instanceof Outcome.Done<Verification.Verified> done) {
            String next = Navigation.safeReturn(done.value().returnTo());
            if (recovery) {
                RecoveryCodesPage.usedOne(page, done.value().recoveryCodesRemaining(), next);
                return;
            }
            Pages.continueTo(page, next);
            return;
        }
        Refusal refusal = ((Outcome.Refused<Verification.Verified>) outcome).refusal();
        if (refusal instanceof Refusal.WrongProof wrong) {
            MfaState current = web.sessions().current(page.request());
            long minutes = wrong.clockOffset().map(o -> Math.max(1, Math.round(Math.abs(o.toSeconds()) / 60.0)))
                    .orElse(0L);
            show(page, 401, current, Pages.wrongProofKey(wrong), wrong.attemptsLeft(), minutes);
        } else if (refusal instanceof Refusal.Locked) {
            page.problem(429, "error.locked", true);
        } else if (refusal instanceof Refusal.Plain plain && plain.problem() == Problem.TOO_MANY_ATTEMPTS) {
            page.problem(429, "error.tooMany", true);
        } else {
            // the sign-in is over in this session: start again from the password
            web.sessions().end(page.request());
            page.problem(410, "error.expired", true);
        }
    }

    private static void show(Page page, int status, MfaState state, String errorKey, int attemptsLeft,
            Object... errorArguments) throws IOException {
        TollgateWeb web = page.web();
        String account = web.settings().issuer() + ": " + state.identity().username();
        SignIn.Methods methods = web.useCases().signIn().methods(state.identity().username());
        // keys are offered only where the WebAuthn library works; otherwise an app or a recovery code signs in
        boolean hasKey = web.useCases().securityKeys() && methods.has(FactorType.WEBAUTHN);
        boolean hasApp = methods.has(FactorType.TOTP);
        boolean keyFirst = hasKey && (!hasApp || methods.defaultMethod() == FactorType.WEBAUTHN);
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
