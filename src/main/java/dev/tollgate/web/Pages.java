package dev.tollgate.web;

import dev.tollgate.twostep.Proof;
import dev.tollgate.twostep.Refusal;
import dev.tollgate.twostep.SessionChange;
import java.io.IOException;

/** Small steps the pages share. */
final class Pages {

    private Pages() {
    }

    /** Goes on to a page of the application: the one the user asked for, or the application's start. */
    static void continueTo(Page page, String returnTo) throws IOException {
        String target = Navigation.safeReturn(returnTo != null ? returnTo : page.request().getParameter("return"));
        page.response().sendRedirect(page.request().getContextPath() + (target == null ? "/" : target));
    }

    /** A session below aal2 that asked for a change: to the second factor, and back to the page afterwards. */
    static void stepUp(Page page, String returnTo) throws IOException {
        TollgateWeb web = page.web();
        SessionChange change = web.sessions().replace(page.request(), current -> current == null
                ? SessionChange.KEEP : SessionChange.store(web.useCases().signIn().stepUp(current, returnTo)));
        if (change.state() == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        web.navigation().sendToSecondFactor(page.request(), page.response(), change.state());
    }

    /** The message of a wrong code or recovery code, for the pages that ask for one. */
    static String wrongProofKey(Refusal.WrongProof wrong) {
        if (wrong.clockOffset().isPresent()) {
            return wrong.clockOffset().get().isNegative() ? "error.clockBehind" : "error.clockAhead";
        }
        return wrong.kind() == Proof.Kind.RECOVERY_CODE ? "error.invalidRecoveryCode" : "error.invalidCode";
    }

    /** The proof a form gives: a recovery code if its field is filled in, otherwise the code. */
    static Proof proof(Page page) {
        String recoveryCode = page.request().getParameter("recoveryCode");
        if (recoveryCode != null && !recoveryCode.isBlank()) {
            return Proof.recoveryCode(recoveryCode);
        }
        String code = page.request().getParameter("code");
        return Proof.authenticatorCode(code == null ? "" : code);
    }
}
