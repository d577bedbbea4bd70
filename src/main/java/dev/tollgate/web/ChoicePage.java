package dev.tollgate.web;

import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.policy.AssuranceLevel;
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
        page.heading("choose.title").error(errorKey).paragraph("choose.intro");
        if (mustEnrol) {
            page.html("<p id=\"grace\">" + page.text("choose.required", tollgate.settings().issuer()) + " ");
            Optional<EnrolmentChoices.Grace> grace = tollgate.choices().graceLeft(state.identity().username());
            grace.filter(g -> g.signInsLeft() >= 0).ifPresent(g -> page.html(page.text("choose.graceSignIns",
                    g.signInsLeft()) + " "));
            grace.filter(g -> g.endsAt() != null).ifPresent(g -> page.html(page.text("choose.graceUntil",
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(page.request().getLocale())
                            .withZone(ZoneOffset.UTC).format(g.endsAt()))));
            page.html("</p>");
        }
        page.html("<p><a class=\"button\" id=\"enrol-now\" href=\"" + Html.escape(page.request().getContextPath()
                        + tollgate.navigation().enrolPage(page.request()) + returnQuery(returnTo)) + "\">"
                        + page.text("choose.enrol") + "</a></p>")
                .form("/choose").hidden("return", returnTo).hidden("choice", "skip")
                .button("choose.skip", "secondary", "skip").endForm();
        if (!mustEnrol) {
            page.form("/choose").hidden("return", returnTo).hidden("choice", "optOut")
                    .button("choose.optOut", "link", "opt-out").endForm()
                    .muted("choose.optOutHint");
        }
        page.footer(false).write(status, "choose.title");
    }

    private static String returnQuery(String returnTo) {
        return returnTo == null ? "" : "?return=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
    }
}
