package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.twostep.Enrolment;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.PendingEnrolment;
import dev.tollgate.twostep.Problem;
import dev.tollgate.twostep.Refusal;
import dev.tollgate.web.view.EnrolmentView;
import dev.tollgate.web.view.Message;
import java.io.IOException;

/**
 * {@code <basePath>/enroll}: adds an authenticator app. Three numbered steps (name it, scan the QR code or type the
 * key, enter the first code); the pending enrolment survives a reload, and the first factor comes with recovery
 * codes.
 */
final class EnrolmentPage {

    private EnrolmentPage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        TollgateWeb web = page.web();
        Enrolment enrolment = web.useCases().enrolment();
        MfaState state = web.sessions().current(page.request());
        if (state == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        PendingEnrolment pending = state.enrolment();
        if (post && pending != null) {
            confirm(page, pending.factorId());
            return;
        }
        Outcome<TotpEnrolment> shown = web.sessions().update(page.request(), enrolment::resumeApp);
        if (shown instanceof Outcome.Done<TotpEnrolment> done) {
            show(page, 200, done.value(), null);
        } else {
            refused(page, shown);
        }
    }

    /** Adding a factor needs the existing one first: at sign-in (aal2), and again if that was a while ago. */
    private static void refused(Page page, Outcome<?> outcome) throws IOException {
        String here = page.web().settings().basePath() + "/enroll";
        if (((Outcome.Refused<?>) outcome).refusal() instanceof Refusal.Plain plain
                && plain.problem() == Problem.CODE_REQUIRED) {
            ConfirmPage.ask(page, here);
        } else {
            Pages.stepUp(page, here);
        }
    }

    private static void confirm(Page page, String factorId) throws IOException {
        TollgateWeb web = page.web();
        Enrolment enrolment = web.useCases().enrolment();
        Outcome<Enrolment.Confirmed> outcome;
        try {
            outcome = web.sessions().update(page.request(), caller -> enrolment.confirmApp(caller, factorId,
                    page.request().getParameter("code"), page.request().getParameter("label")));
        } catch (InvalidRequestException malformed) {
            showAgain(page, 400, "error.malformed");
            return;
        }
        if (outcome instanceof Outcome.Done<Enrolment.Confirmed> done) {
            Enrolment.Confirmed confirmed = done.value();
            String next = confirmed.returnTo() != null ? confirmed.returnTo()
                    : Navigation.safeReturn(page.request().getParameter("return"));
            if (!confirmed.recoveryCodes().isEmpty()) {
                RecoveryCodesPage.show(page, confirmed.recoveryCodes(), next, true);
                return;
            }
            Pages.continueTo(page, next);
        } else if (((Outcome.Refused<Enrolment.Confirmed>) outcome).refusal() instanceof Refusal.WrongProof) {
            showAgain(page, 401, "error.invalidCode");
        } else {
            Pages.stepUp(page, web.settings().basePath() + "/enroll");
        }
    }

    /** The same key again, with what went wrong. */
    private static void showAgain(Page page, int status, String errorKey) throws IOException {
        Outcome<TotpEnrolment> shown = page.web().sessions().update(page.request(),
                page.web().useCases().enrolment()::resumeApp);
        if (shown instanceof Outcome.Done<TotpEnrolment> done) {
            show(page, status, done.value(), errorKey);
        } else {
            refused(page, shown);
        }
    }

    private static void show(Page page, int status, TotpEnrolment enrolment, String errorKey) throws IOException {
        String label = page.request().getParameter("label");
        page.render(status, new EnrolmentView(Message.of(errorKey),
                Navigation.safeReturn(page.request().getParameter("return")), label == null ? "" : label,
                page.web().qrCodes().dataUrl(enrolment.keyUri().toUriString()),
                enrolment.keyUri().issuer() + ": " + enrolment.keyUri().accountName(),
                enrolment.secret().base32Grouped()));
    }
}
