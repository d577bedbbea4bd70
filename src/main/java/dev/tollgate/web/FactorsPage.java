package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
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
        page.render(status, new RemovalView(id, factor.get().label(), isLast(page, state, id), Message.of(errorKey)));
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
        List<Factor> factors = tollgate.flow().confirmedFactors(username);
        List<FactorsView.Row> rows = factors.stream().map(factor -> new FactorsView.Row(factor.id(), factor.label(),
                when.format(factor.createdAt()) + " UTC",
                factor.lastUsedAt() == null ? null : when.format(factor.lastUsedAt()) + " UTC")).toList();
        long remaining = factors.isEmpty() ? 0 : tollgate.recovery().remaining(username);
        page.render(200, new FactorsView(username, state.aal() == AssuranceLevel.AAL2, rows, tollgate.securityKeys(),
                tollgate.choices().optedOut(username), remaining));
    }

    private static void redirectToList(Page page) throws IOException {
        page.response().sendRedirect(page.request().getContextPath() + page.tollgate().settings().basePath()
                + "/factors");
    }
}
