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
import dev.tollgate.web.view.ChallengeView;
import dev.tollgate.web.view.Message;
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
        String next = Navigation.safeReturn(state.transaction().returnTo());
        page.render(status, new ChallengeView(hasApp, hasKey, keyFirst, account, Message.of(errorKey, errorArguments),
                attemptsLeft, state.transaction().id(), page.applicationUrl(next)));
    }
}
