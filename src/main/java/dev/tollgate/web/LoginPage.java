package dev.tollgate.web;

import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.SessionChange;
import dev.tollgate.twostep.SessionIdentity;
import dev.tollgate.web.view.LoginView;
import dev.tollgate.web.view.Message;
import java.io.IOException;

/**
 * {@code <basePath>/login}: a sign-in page for applications that have none of their own (an API-only application
 * with BASIC, or a mechanism without a page). It checks the password exactly as the JSON API does, through the
 * application's realm or mechanism, then goes on to the second factor.
 */
final class LoginPage {

    private LoginPage() {
    }

    static void handle(Page page, boolean post) throws IOException {
        if (!post) {
            show(page, 200, null);
            return;
        }
        String username = page.request().getParameter("username");
        String password = page.request().getParameter("password");
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > 256 || password.length() > 256) {
            show(page, 400, Message.of("error.credentials"));
            return;
        }
        TollgateWeb web = page.web();
        PasswordCheck.Result checked = PasswordCheck.check(web, page.request(), page.response(), username, password);
        if (checked instanceof PasswordCheck.Throttled throttled) {
            page.response().setHeader("Retry-After", String.valueOf(throttled.retryAfter().toSeconds()));
            show(page, 429, Message.of("error.loginThrottled", throttled.retryAfter().toSeconds()));
            return;
        }
        if (!(checked instanceof PasswordCheck.Passed passed)) {
            show(page, 401, Message.of("error.credentials"));
            return;
        }
        SessionIdentity caller = passed.caller();
        String returnTo = Navigation.safeReturn(page.request().getParameter("return"));
        MfaState state = web.useCases().signIn().afterPassword(caller, caller.roles(page.request()::isUserInRole),
                returnTo, true).state();
        web.sessions().replace(page.request(), current -> SessionChange.newId(state));
        if (state.transaction() == null) {
            Pages.continueTo(page, returnTo);
        } else {
            web.navigation().sendToSecondFactor(page.request(), page.response(), state);
        }
    }

    private static void show(Page page, int status, Message error) throws IOException {
        page.render(status, new LoginView(error,
                Navigation.safeReturn(page.request().getParameter("return"))));
    }
}
