package dev.tollgate.web;

import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.web.view.ChoiceView;
import dev.tollgate.web.view.Message;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

/**
 * {@code <basePath>/choose}: the page between the password and the application for a user without a second factor,
 * shown once per sign-in. Under policy {@code optional} it offers to enrol now, to skip (asked again at the next
 * sign-in) or to opt out (not asked again; undone on the factors page); in the grace period of a policy that
 * requires a factor, to enrol now or to skip, with what is left of the period.
 */
final class ChoicePage {

    private ChoicePage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        Tollgate tollgate = page.tollgate();
        MfaState state = Tollgate.state(page.request());
        if (state == null) {
            page.problem(401, "error.signInFirst", true);
            return;
        }
        String returnTo = Navigation.safeReturn(page.request().getParameter("return"));
        if (state.hasFactor() || state.aal() == AssuranceLevel.AAL2) {
            Pages.continueTo(page, returnTo);
            return;
        }
        if (state.secondFactorRequired()) {
            page.response().sendRedirect(page.request().getContextPath()
                    + tollgate.navigation().enrolPage(page.request()) + returnQuery(returnTo));
            return;
        }
        boolean mustEnrol = tollgate.policy().mustEnrol(state.identity().roles(page.request()::isUserInRole));
        if (!post) {
            show(page, 200, state, mustEnrol, returnTo, null);
            return;
        }
        String choice = page.request().getParameter("choice");
        String remoteAddress = page.request().getRemoteAddr();
        if ("skip".equals(choice)) {
            tollgate.flow().publish(SecurityEventType.ENROLMENT_SKIPPED, state, remoteAddress, null,
                    mustEnrol ? "grace period" : null);
            Pages.continueTo(page, returnTo);
        } else if ("optOut".equals(choice) && !mustEnrol) {
            tollgate.choices().optOut(state.identity().username());
            tollgate.flow().publish(SecurityEventType.ENROLMENT_OPTED_OUT, state, remoteAddress, null, null);
            Pages.continueTo(page, returnTo);
        } else if ("optOut".equals(choice)) {
            show(page, 409, state, true, returnTo, "error.optOutNotAllowed");
        } else {
            show(page, 400, state, mustEnrol, returnTo, null);
        }
    }

    private static void show(Page page, int status, MfaState state, boolean mustEnrol, String returnTo,
            String errorKey) throws IOException {
        Tollgate tollgate = page.tollgate();
        Integer graceSignInsLeft = null;
        String graceUntil = null;
        if (mustEnrol) {
            Optional<EnrolmentChoices.Grace> grace = tollgate.choices().graceLeft(state.identity().username());
            graceSignInsLeft = grace.filter(g -> g.signInsLeft() >= 0).map(EnrolmentChoices.Grace::signInsLeft)
                    .orElse(null);
            graceUntil = grace.filter(g -> g.endsAt() != null).map(g -> DateTimeFormatter
                    .ofLocalizedDate(FormatStyle.LONG).withLocale(page.request().getLocale()).withZone(ZoneOffset.UTC)
                    .format(g.endsAt())).orElse(null);
        }
        page.render(status, new ChoiceView(Message.of(errorKey), mustEnrol, graceSignInsLeft, graceUntil,
                page.request().getContextPath() + tollgate.navigation().enrolPage(page.request())
                        + returnQuery(returnTo), returnTo));
    }

    private static String returnQuery(String returnTo) {
        return returnTo == null ? "" : "?return=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
    }
}
