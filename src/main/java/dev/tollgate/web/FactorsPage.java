package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
import dev.tollgate.twostep.FactorManagement;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.Problem;
import dev.tollgate.twostep.Proof;
import dev.tollgate.twostep.Refusal;
import dev.tollgate.web.view.FactorsView;
import dev.tollgate.web.view.Message;
import dev.tollgate.web.view.RemovalView;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;

/**
 * {@code <basePath>/factors}: the user's sign-in methods. Lists them with when they were added and last used;
 * renames, removes (confirmed with a fresh code or recovery code, and never the last one where the policy requires a
 * factor), adds, and makes new recovery codes. Changes need aal2, except asking to be offered enrolment again after
 * an opt-out, which only makes the account safer.
 */
final class FactorsPage {

    private FactorsPage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        TollgateWeb web = page.web();
        MfaState state = web.sessions().current(page.request());
        if (state == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        FactorManagement factors = web.useCases().factors();
        String remove = page.request().getParameter("remove");
        if (post && page.request().getParameter("optIn") != null) {
            web.sessions().update(page.request(), web.useCases().decisions()::optIn);
            redirectToList(page);
        } else if (post && page.request().getParameter("regenerate") != null) {
            Outcome<List<String>> codes = web.sessions().update(page.request(),
                    caller -> factors.regenerateRecoveryCodes(caller, Optional.empty()));
            if (codes instanceof Outcome.Done<List<String>> done) {
                RecoveryCodesPage.show(page, done.value(), web.settings().basePath() + "/factors", false);
            } else {
                refused(page, state, codes);
            }
        } else if (post && page.request().getParameter("rename") != null) {
            rename(page, state, page.request().getParameter("rename"), page.request().getParameter("label"));
        } else if (post && remove != null && page.request().getParameter("confirmed") != null) {
            remove(page, state, remove);
        } else if (remove != null) {
            confirmRemoval(page, state, remove);
        } else {
            list(page, state, 200, null);
        }
    }

    private static void rename(Page page, MfaState state, String id, String label) throws IOException {
        Outcome<Boolean> renamed;
        try {
            renamed = page.web().sessions().update(page.request(),
                    caller -> page.web().useCases().factors().rename(caller, id, label == null ? "" : label));
        } catch (InvalidRequestException badLabel) {
            // the same rule as the API's 400, as a message on the page rather than the server's error page
            list(page, state, 400, "error.label");
            return;
        }
        if (renamed instanceof Outcome.Done<Boolean>) {
            redirectToList(page);
        } else {
            refused(page, state, renamed);
        }
    }

    /** A change refused: below aal2 to the second factor first; otherwise back to the list. */
    private static void refused(Page page, MfaState state, Outcome<?> outcome) throws IOException {
        Refusal refusal = ((Outcome.Refused<?>) outcome).refusal();
        if (refusal instanceof Refusal.Plain plain && plain.problem() == Problem.MFA_REQUIRED) {
            Pages.stepUp(page, page.web().settings().basePath() + "/factors");
        } else if (refusal instanceof Refusal.Plain plain && plain.problem() == Problem.CODE_REQUIRED) {
            ConfirmPage.ask(page, page.web().settings().basePath() + "/factors");
        } else {
            redirectToList(page);
        }
    }

    private static void confirmRemoval(Page page, MfaState state, String id) throws IOException {
        confirmRemoval(page, state, id, 200, null);
    }

    /** Asks for a fresh code (or a recovery code) before removing: a session left open must not be enough. */
    private static void confirmRemoval(Page page, MfaState state, String id, int status, String errorKey)
            throws IOException {
        Optional<Factor> factor = page.web().useCases().signIn().methods(state.identity().username()).factors()
                .stream().filter(f -> f.id().equals(id)).findFirst();
        if (factor.isEmpty()) {
            redirectToList(page);
            return;
        }
        page.render(status, new RemovalView(id, factor.get().label(), isLast(page, state, id), Message.of(errorKey)));
    }

    private static void remove(Page page, MfaState state, String id) throws IOException {
        Proof proof = Pages.proof(page);
        boolean recovery = proof.kind() == Proof.Kind.RECOVERY_CODE;
        String code = page.request().getParameter("code");
        Optional<Proof> given = recovery || code != null && !code.isBlank() ? Optional.of(proof) : Optional.empty();
        Outcome<Boolean> removed;
        try {
            removed = page.web().sessions().update(page.request(),
                    caller -> page.web().useCases().factors().remove(caller, id, given));
        } catch (InvalidRequestException malformed) {
            confirmRemoval(page, state, id, 400, recovery ? "error.malformedRecovery" : "error.malformed");
            return;
        }
        if (removed instanceof Outcome.Done<Boolean>) {
            redirectToList(page);
            return;
        }
        Refusal refusal = ((Outcome.Refused<Boolean>) removed).refusal();
        if (refusal instanceof Refusal.WrongProof wrong) {
            confirmRemoval(page, state, id, 401, Pages.wrongProofKey(wrong));
        } else if (refusal instanceof Refusal.Locked) {
            page.problem(429, "error.locked", true);
        } else if (refusal instanceof Refusal.Plain plain && plain.problem() == Problem.LAST_FACTOR) {
            page.problem(409, "error.lastFactor", false);
        } else if (refusal instanceof Refusal.Plain plain && plain.problem() == Problem.CODE_REQUIRED) {
            confirmRemoval(page, state, id, 400, "error.codeToRemove");
        } else {
            refused(page, state, removed);
        }
    }

    private static boolean isLast(Page page, MfaState state, String id) {
        List<Factor> factors = page.web().useCases().signIn().methods(state.identity().username()).factors();
        return factors.size() == 1 && factors.get(0).id().equals(id);
    }

    private static void list(Page page, MfaState state, int status, String errorKey) throws IOException {
        TollgateWeb web = page.web();
        Outcome<FactorManagement.Overview> listed = web.useCases().factors().list(web.sessions()
                .caller(page.request()));
        if (!(listed instanceof Outcome.Done<FactorManagement.Overview> done)) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        FactorManagement.Overview overview = done.value();
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(page.request().getLocale()).withZone(ZoneOffset.UTC);
        List<FactorsView.Row> rows = overview.factors().stream().map(factor -> new FactorsView.Row(factor.id(),
                factor.label(), when.format(factor.createdAt()) + " UTC",
                factor.lastUsedAt() == null ? null : when.format(factor.lastUsedAt()) + " UTC")).toList();
        long remaining = overview.factors().isEmpty() ? 0 : overview.recoveryCodesRemaining();
        page.render(status, new FactorsView(Message.of(errorKey), overview.username(),
                overview.aal() == AssuranceLevel.AAL2, rows, web.useCases().securityKeys(), overview.optedOut(),
                remaining));
    }

    private static void redirectToList(Page page) throws IOException {
        page.response().sendRedirect(page.request().getContextPath() + page.web().settings().basePath()
                + "/factors");
    }
}
