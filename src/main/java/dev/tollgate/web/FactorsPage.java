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
            Outcome<List<String>> codes = web.sessions().update(page.request(), factors::regenerateRecoveryCodes);
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
                .stream()
                .filter(f -> f.id().equals(id)).findFirst();
        if (factor.isEmpty()) {
            redirectToList(page);
            return;
        }
        page.heading("factors.removeTitle", factor.get().label()).error(errorKey)
                .paragraph(isLast(page, state, id) ? "factors.removeLast" : "factors.removeOther")
                .paragraph("factors.removeCode")
                .form("/factors").hidden("remove", id).hidden("confirmed", "1")
                .codeField()
                .button("button.remove", "danger", "confirm-remove").endForm()
                .html("<details id=\"remove-with-recovery\"><summary>" + page.text("recovery.use") + "</summary>")
                .form("/factors").hidden("remove", id).hidden("confirmed", "1")
                .html("<label for=\"recoveryCode\">" + page.text("recovery.label") + "</label>"
                        + "<input type=\"text\" id=\"recoveryCode\" name=\"recoveryCode\" autocomplete=\"off\""
                        + " spellcheck=\"false\" autocapitalize=\"off\" maxlength=\"20\""
                        + " placeholder=\"xxxx-xxxx-xxxx\" required>")
                .button("button.remove", "danger", "confirm-remove-recovery").endForm()
                .html("</details>")
                .html("<a class=\"button secondary\" href=\"" + page.url("/factors") + "\">" + page.text("link.cancel")
                        + "</a>")
                .write(status, "title.factors");
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
        } else if (refusal instanceof Refusal.Plain plain && plain.problem() == Problem.PROOF_REQUIRED) {
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
        FactorManagement.Overview overview = page.web().useCases().factors().list(page.web().sessions()
                .caller(page.request())) instanceof Outcome.Done<FactorManagement.Overview> done ? done.value() : null;
        if (overview == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        String username = overview.username();
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(page.request().getLocale()).withZone(ZoneOffset.UTC);
        page.heading("title.factors").error(errorKey)
                .html("<p class=\"muted\" id=\"signed-in-as\">" + page.text("factors.user", username) + " &middot; "
                        + page.text(overview.aal() == AssuranceLevel.AAL2 ? "factors.twoSteps" : "factors.passwordOnly")
                        + "</p>");
        List<Factor> factors = overview.factors();
        if (factors.isEmpty()) {
            page.paragraph("factors.none");
        } else {
            page.html("<ul class=\"factors\" id=\"factors\">");
            for (Factor factor : factors) {
                String used = factor.lastUsedAt() == null ? page.text("factors.neverUsed")
                        : page.text("factors.lastUsed", when.format(factor.lastUsedAt()) + " UTC");
                page.html("<li><div><strong>" + Html.escape(factor.label()) + "</strong><br><span class=\"muted\">"
                                + page.text("factors.created", when.format(factor.createdAt()) + " UTC") + " &middot; "
                                + used + "</span>")
                        .html("<details><summary>" + page.text("button.rename") + "</summary>")
                        .form("/factors").hidden("rename", factor.id())
                        .html("<input type=\"text\" name=\"label\" maxlength=\"100\" required aria-label=\""
                                + page.text("enroll.label") + "\" value=\"" + Html.escape(factor.label()) + "\">")
                        .button("button.save", "secondary", null).endForm()
                        .html("</details></div><a class=\"button danger\" href=\"" + page.url("/factors")
                                + "?remove=" + Html.escape(factor.id()) + "\">" + page.text("button.remove")
                                + "</a></li>");
            }
            page.html("</ul>");
        }
        page.html("<a class=\"button\" id=\"add\" href=\"" + page.url("/enroll") + "\">" + page.text("button.add")
                + "</a>");
        if (web.useCases().securityKeys()) {
            addSecurityKey(page);
        }
        if (overview.optedOut()) {
            page.html("<p class=\"muted\" id=\"opted-out\">" + page.text("factors.optedOut") + "</p>")
                    .form("/factors").hidden("optIn", "1").button("button.optIn", "secondary", "opt-in").endForm();
        }
        if (!factors.isEmpty()) {
            long remaining = overview.recoveryCodesRemaining();
            page.html("<h2>" + page.text("recovery.title") + "</h2>")
                    .html(remaining <= 3
                            ? "<p class=\"error\" id=\"recovery-remaining\">" + page.text("recovery.fewLeft", remaining)
                            : "<p id=\"recovery-remaining\">" + page.text("recovery.left", remaining))
                    .html("</p>")
                    .form("/factors").hidden("regenerate", "1").button("button.regenerate", "secondary", "regenerate")
                    .endForm();
        }
        page.footer(true).write(status, "title.factors");
    }

    /** Adding a security key needs the browser's WebAuthn API: a script from the jar does it through the JSON API. */
    private static void addSecurityKey(Page page) {
        page.html("<section id=\"add-key\" data-api=\"" + page.apiUrl() + "\" data-done=\"" + page.url("/factors")
                        + "\" data-failed=\"" + page.text("webauthn.addFailed") + "\" data-unsupported=\""
                        + page.text("webauthn.unsupported") + "\">")
                .html("<h2>" + page.text("webauthn.addTitle") + "</h2>").muted("webauthn.addHint")
                .html("<label for=\"key-label\">" + page.text("webauthn.label") + "</label>"
                        + "<input type=\"text\" id=\"key-label\" maxlength=\"100\" placeholder=\""
                        + page.text("webauthn.labelPlaceholder") + "\">"
                        + "<button type=\"button\" class=\"secondary\" id=\"add-key-button\">"
                        + page.text("webauthn.add") + "</button>"
                        + "<p class=\"error\" id=\"key-error\" role=\"alert\" hidden></p>"
                        + "<div id=\"key-recovery\" hidden><p>" + page.text("webauthn.recoveryCodes") + "</p>"
                        + "<ol class=\"codes\" id=\"key-recovery-codes\"></ol><a class=\"button\" href=\""
                        + page.url("/factors") + "\" id=\"key-recovery-done\">" + page.text("webauthn.saved")
                        + "</a></div></section>")
                .webauthnScript();
    }

    private static void redirectToList(Page page) throws IOException {
        page.response().sendRedirect(page.request().getContextPath() + page.web().settings().basePath()
                + "/factors");
    }
}
