package dev.tollgate.web;

import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.twostep.EnrolmentDecisions;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.Problem;
import dev.tollgate.twostep.Refusal;
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
        TollgateWeb web = page.web();
        EnrolmentDecisions decisions = web.useCases().decisions();
        String returnTo = Navigation.safeReturn(page.request().getParameter("return"));
        Outcome<EnrolmentDecisions.Choices> offered = decisions.choices(web.sessions().caller(page.request()));
        if (offered instanceof Outcome.Refused<EnrolmentDecisions.Choices> refused) {
            Problem problem = ((Refusal.Plain) refused.refusal()).problem();
            if (problem == Problem.NOT_AUTHENTICATED) {
                page.problem(401, "error.signInFirst", true);
            } else if (problem == Problem.ENROLLMENT_REQUIRED) {
                page.response().sendRedirect(page.request().getContextPath()
                        + web.navigation().enrolPage(page.request()) + returnQuery(returnTo));
            } else {
                Pages.continueTo(page, returnTo);
            }
            return;
        }
        EnrolmentDecisions.Choices choices = ((Outcome.Done<EnrolmentDecisions.Choices>) offered).value();
        String choice = post ? page.request().getParameter("choice") : null;
        if (!post) {
            show(page, 200, choices, returnTo, null);
        } else if ("skip".equals(choice)) {
            web.sessions().update(page.request(), decisions::skip);
            Pages.continueTo(page, returnTo);
        } else if ("optOut".equals(choice)
                && web.sessions().update(page.request(), decisions::optOut) instanceof Outcome.Done<Boolean>) {
            Pages.continueTo(page, returnTo);
        } else if ("optOut".equals(choice)) {
            show(page, 409, choices, returnTo, "error.optOutNotAllowed");
        } else {
            show(page, 400, choices, returnTo, null);
        }
    }

    private static void show(Page page, int status, EnrolmentDecisions.Choices choices, String returnTo,
            String errorKey) throws IOException {
        TollgateWeb web = page.web();
        boolean mustEnrol = choices.mustEnrol();
        Integer graceSignInsLeft = null;
        String graceUntil = null;
        if (mustEnrol) {
            Optional<EnrolmentChoices.Grace> grace = choices.grace();
            graceSignInsLeft = grace.filter(g -> g.signInsLeft() >= 0).map(EnrolmentChoices.Grace::signInsLeft)
                    .orElse(null);
            graceUntil = grace.filter(g -> g.endsAt() != null).map(g -> DateTimeFormatter
                    .ofLocalizedDate(FormatStyle.LONG).withLocale(page.request().getLocale()).withZone(ZoneOffset.UTC)
                    .format(g.endsAt())).orElse(null);
        }
        page.render(status, new ChoiceView(Message.of(errorKey), mustEnrol, graceSignInsLeft, graceUntil,
                page.request().getContextPath() + web.navigation().enrolPage(page.request())
                        + returnQuery(returnTo), returnTo));
    }

    private static String returnQuery(String returnTo) {
        return returnTo == null ? "" : "?return=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
    }
}
