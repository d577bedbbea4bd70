package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.web.view.EnrolmentView;
import dev.tollgate.web.view.Message;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code <basePath>/enroll}: adds an authenticator app. Three numbered steps (name it, scan the QR code or type the
 * key, enter the first code); the pending enrolment survives a reload, and the first factor comes with recovery
 * codes.
 */
final class EnrolmentPage {

    private static final String ENROLMENT_ATTRIBUTE = "dev.tollgate.enrolment";

    private EnrolmentPage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        Tollgate tollgate = page.tollgate();
        MfaState state = Tollgate.state(page.request());
        if (state == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        if (!state.mayAddFactor()) {
            // adding a factor needs the existing one first
            MfaState next = tollgate.flow().stepUp(state, tollgate.settings().basePath() + "/enroll");
            Tollgate.store(page.request(), next);
            tollgate.navigation().sendToSecondFactor(page.request(), page.response(), next);
            return;
        }
        String username = state.identity().username();
        HttpSession session = page.request().getSession(true);
        String pendingId = (String) session.getAttribute(ENROLMENT_ATTRIBUTE);
        Optional<TotpEnrolment> pending = pendingId == null ? Optional.empty()
                : tollgate.totp().resume(username, pendingId);
        if (!post || pending.isEmpty()) {
            TotpEnrolment enrolment = pending.orElseGet(() -> {
                TotpEnrolment started = tollgate.totp().enrol(username, null);
                tollgate.flow().publish(SecurityEventType.FACTOR_ENROLLED, state, page.request().getRemoteAddr(),
                        started.factorId(), null);
                return started;
            });
            session.setAttribute(ENROLMENT_ATTRIBUTE, enrolment.factorId());
            show(page, 200, enrolment, null);
            return;
        }
        confirm(page, state, pending.get());
    }

    private static void confirm(Page page, MfaState state, TotpEnrolment enrolment) throws IOException {
        Tollgate tollgate = page.tollgate();
        String username = state.identity().username();
        TotpFactors.Confirmation confirmation;
        try {
            String label = page.request().getParameter("label");
            if (label != null && !label.isBlank()) {
                tollgate.totp().rename(username, enrolment.factorId(), label);
            }
            confirmation = tollgate.totp().confirm(username, enrolment.factorId(),
                    page.request().getParameter("code"), tollgate.recovery());
        } catch (InvalidRequestException malformed) {
            show(page, 400, enrolment, "error.malformed");
            return;
        }
        if (!confirmation.confirmed()) {
            show(page, 401, enrolment, "error.invalidCode");
            return;
        }
        HttpSession session = page.request().getSession(false);
        session.removeAttribute(ENROLMENT_ATTRIBUTE);
        tollgate.flow().publish(SecurityEventType.FACTOR_CONFIRMED, state, page.request().getRemoteAddr(),
                enrolment.factorId(), null);
        String returnTo;
        MfaState upgraded;
        synchronized (tollgate.lockFor(session)) {
            MfaState current = Optional.ofNullable(Tollgate.state(page.request())).orElse(state);
            returnTo = current.transaction() == null ? null : current.transaction().returnTo();
            page.request().changeSessionId();
            upgraded = current.atAal2();
            Tollgate.store(page.request(), upgraded);
        }
        String next = returnTo != null ? returnTo : Navigation.safeReturn(page.request().getParameter("return"));
        if (!confirmation.recoveryCodes().isEmpty()) {
            tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, upgraded,
                    page.request().getRemoteAddr(), null, "with the first factor");
            RecoveryCodesPage.show(page, confirmation.recoveryCodes(), next, true);
            return;
        }
        Pages.continueTo(page, next);
    }

    private static void show(Page page, int status, TotpEnrolment enrolment, String errorKey) throws IOException {
        String label = page.request().getParameter("label");
        page.render(status, new EnrolmentView(Message.of(errorKey),
                Navigation.safeReturn(page.request().getParameter("return")), label == null ? "" : label,
                page.tollgate().qrCodes().dataUrl(enrolment.keyUri().toUriString()),
                enrolment.keyUri().issuer() + ": " + enrolment.keyUri().accountName(),
                enrolment.secret().base32Grouped()));
    }
}
