package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.Refusal;
import dev.tollgate.web.view.ConfirmView;
import dev.tollgate.web.view.Message;
import java.io.IOException;

/**
 * {@code <basePath>/confirm}: asks a session at aal2 for a fresh proof of a factor before a step that changes how the
 * account is protected (adding a factor, new recovery codes), then goes back to the Tollgate page that asked.
 */
final class ConfirmPage {

    private ConfirmPage() {
    }

    /** Sends the browser here, to come back to {@code returnTo} (a Tollgate page) afterwards. */
    static void ask(Page page, String returnTo) throws IOException {
        page.response().sendRedirect(page.request().getContextPath() + page.web().settings().basePath()
                + "/confirm?return=" + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8));
    }

    static void handle(Page page, boolean post) throws IOException {
        TollgateWeb web = page.web();
        MfaState state = web.sessions().current(page.request());
        if (state == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        String returnTo = ownPage(web, page.request().getParameter("return"));
        if (!post) {
            page.render(200, new ConfirmView(returnTo, Message.of(null)));
            return;
        }
        Outcome<MfaState> proved;
        try {
            proved = web.sessions().update(page.request(),
                    caller -> web.useCases().verification().reprove(caller, Pages.proof(page)));
        } catch (InvalidRequestException malformed) {
            page.render(400, new ConfirmView(returnTo, Message.of("error.malformed")));
            return;
        }
        if (proved instanceof Outcome.Done<MfaState>) {
            page.response().sendRedirect(page.request().getContextPath() + returnTo);
            return;
        }
        Refusal refusal = ((Outcome.Refused<MfaState>) proved).refusal();
        if (refusal instanceof Refusal.WrongProof wrong) {
            page.render(401, new ConfirmView(returnTo, Message.of(Pages.wrongProofKey(wrong))));
        } else if (web.sessions().current(page.request()) == null) {
            // locked: the session ended
            page.problem(429, "error.locked", true);
        } else {
            Pages.stepUp(page, returnTo);
        }
    }

    /** Only Tollgate's own pages: this page never sends anyone elsewhere. */
    private static String ownPage(TollgateWeb web, String asked) {
        String safe = Navigation.safeReturn(asked);
        String base = web.settings().basePath();
        return safe != null && safe.startsWith(base + "/") ? safe : base + "/factors";
    }
}
