package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
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
        Tollgate tollgate = page.tollgate();
        MfaState state = Tollgate.state(page.request());
        if (state == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        if (post && page.request().getParameter("optIn") != null) {
            if (tollgate.choices().optIn(state.identity().username())) {
                tollgate.flow().publish(SecurityEventType.ENROLMENT_OPTED_IN, state, page.request().getRemoteAddr(),
                        null, null);
            }
            redirectToList(page);
            return;
        }
        if (post && state.aal() != AssuranceLevel.AAL2) {
            MfaState next = tollgate.flow().stepUp(state, tollgate.settings().basePath() + "/factors");
            Tollgate.store(page.request(), next);
            tollgate.navigation().sendToSecondFactor(page.request(), page.response(), next);
            return;
        }
        String remove = page.request().getParameter("remove");
        if (post && page.request().getParameter("regenerate") != null) {
            regenerate(page, state);
        } else if (post && page.request().getParameter("rename") != null) {
            tollgate.totp().rename(state.identity().username(), page.request().getParameter("rename"),
                    page.request().getParameter("label"));
            tollgate.flow().publish(SecurityEventType.FACTOR_RENAMED, state, page.request().getRemoteAddr(),
                    page.request().getParameter("rename"), null);
            redirectToList(page);
        } else if (post && remove != null && page.request().getParameter("confirmed") != null) {
            remove(page, state, remove);
        } else if (remove != null) {
            confirmRemoval(page, state, remove);
        } else {
            list(page, state);
        }
    }

    private static void regenerate(Page page, MfaState state) throws IOException {
        Tollgate tollgate = page.tollgate();
        if (tollgate.flow().confirmedFactors(state.identity().username()).isEmpty()) {
            redirectToList(page);
            return;
        }
        List<String> codes = tollgate.recovery().regenerate(state.identity().username());
        tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, state, page.request().getRemoteAddr(),
                null, null);
        RecoveryCodesPage.show(page, codes, tollgate.settings().basePath() + "/factors", false);
    }

    private static void confirmRemoval(Page page, MfaState state, String id) throws IOException {
        confirmRemoval(page, state, id, 200, null);
    }

    /** Asks for a fresh code (or a recovery code) before removing: a session left open must not be enough. */
    private static void confirmRemoval(Page page, MfaState state, String id, int status, String errorKey)
            throws IOException {
        Optional<Factor> factor = page.tollgate().flow().confirmedFactors(state.identity().username()).stream()
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
        Tollgate tollgate = page.tollgate();
        String username = state.identity().username();
        if (tollgate.flow().confirmedFactors(username).stream().noneMatch(f -> f.id().equals(id))) {
            redirectToList(page);
            return;
        }
        boolean last = isLast(page, state, id);
        if (last && tollgate.policy().mustEnrol(state.identity().roles(page.request()::isUserInRole))) {
            page.problem(409, "error.lastFactor", false);
            return;
        }
        String recoveryCode = page.request().getParameter("recoveryCode");
        String code = page.request().getParameter("code");
        boolean recovery = recoveryCode != null && !recoveryCode.isBlank();
        if (!recovery && (code == null || code.isBlank())) {
            confirmRemoval(page, state, id, 400, "error.codeToRemove");
            return;
        }
        SignInFlow.Proof proof = recovery ? new SignInFlow.RecoveryCodeProof(recoveryCode)
                : new SignInFlow.TotpCode(code);
        SignInFlow.Verification check;
        try {
            check = tollgate.flow().reauthenticate(state, proof, page.request().getRemoteAddr(), "to remove a factor");
        } catch (InvalidRequestException malformed) {
            confirmRemoval(page, state, id, 400, recovery ? "error.malformedRecovery" : "error.malformed");
            return;
        }
        switch (check.outcome()) {
            case ACCEPTED -> {
                if (tollgate.store().delete(id, username)) {
                    tollgate.flow().publish(SecurityEventType.FACTOR_REMOVED, state, page.request().getRemoteAddr(),
                            id, null);
                    if (last) {
                        tollgate.recovery().deleteAll(username);
                    }
                }
                redirectToList(page);
            }
            case LOCKED -> {
                ApiServlet.endSession(page.request());
                page.problem(429, "error.locked", true);
            }
            default -> confirmRemoval(page, state, id, 401, recovery ? "error.invalidRecoveryCode"
                    : "error.invalidCode");
        }
    }

    private static boolean isLast(Page page, MfaState state, String id) {
        List<Factor> factors = page.tollgate().flow().confirmedFactors(state.identity().username());
        return factors.size() == 1 && factors.get(0).id().equals(id);
    }

    private static void list(Page page, MfaState state) throws IOException {
        Tollgate tollgate = page.tollgate();
        String username = state.identity().username();
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(page.request().getLocale()).withZone(ZoneOffset.UTC);
        page.heading("title.factors")
                .html("<p class=\"muted\" id=\"signed-in-as\">" + page.text("factors.user", username) + " &middot; "
                        + page.text(state.aal() == AssuranceLevel.AAL2 ? "factors.twoSteps" : "factors.passwordOnly")
                        + "</p>");
        List<Factor> factors = tollgate.flow().confirmedFactors(username);
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
        if (tollgate.securityKeys()) {
            addSecurityKey(page);
        }
        if (tollgate.choices().optedOut(username)) {
            page.html("<p class=\"muted\" id=\"opted-out\">" + page.text("factors.optedOut") + "</p>")
                    .form("/factors").hidden("optIn", "1").button("button.optIn", "secondary", "opt-in").endForm();
        }
        if (!factors.isEmpty()) {
            long remaining = tollgate.recovery().remaining(username);
            page.html("<h2>" + page.text("recovery.title") + "</h2>")
                    .html(remaining <= 3
                            ? "<p class=\"error\" id=\"recovery-remaining\">" + page.text("recovery.fewLeft", remaining)
                            : "<p id=\"recovery-remaining\">" + page.text("recovery.left", remaining))
                    .html("</p>")
                    .form("/factors").hidden("regenerate", "1").button("button.regenerate", "secondary", "regenerate")
                    .endForm();
        }
        page.footer(true).write(200, "title.factors");
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
        page.response().sendRedirect(page.request().getContextPath() + page.tollgate().settings().basePath()
                + "/factors");
    }
}
