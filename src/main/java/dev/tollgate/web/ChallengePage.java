package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorType;
import dev.tollgate.web.view.ChallengeView;
import dev.tollgate.web.view.Message;
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
        String next = Navigation.safeReturn(state.transaction().returnTo());
        page.render(status, new ChallengeView(hasApp, hasKey, keyFirst, account, Message.of(errorKey, errorArguments),
                attemptsLeft, state.transaction().id(), page.applicationUrl(next)));
    }
}
