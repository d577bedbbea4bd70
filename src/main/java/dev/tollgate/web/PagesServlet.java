package dev.tollgate.web;

import dev.tollgate.store.StoreUnavailableException;
import dev.tollgate.web.view.Templates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser pages of the second factor, under {@code <basePath>} (default {@code /mfa}): {@code login} (for
 * applications without a sign-in page), {@code challenge} (the code), {@code enroll} (a new authenticator app),
 * {@code factors} (the user's sign-in methods and recovery codes), {@code choose} (the enrolment choices after the
 * password) and {@code logout}.
 *
 * <p>Every text comes from the resource bundle {@code dev.tollgate.web.messages} in the request's language; every
 * form carries a CSRF token; every page forbids framing and caching and loads nothing from elsewhere. The markup is in
 * jte templates precompiled into the jar (see {@link Templates}).
 */
public class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PagesServlet.class.getName());

    private final transient TollgateWeb web;
    private final transient Templates templates = Templates.precompiled();

    /**
     * Creates the pages; the start-up registers them.
     *
     * @param web what the adapters share
     */
    public PagesServlet(TollgateWeb web) {
        this.web = web;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse answer) throws IOException {
        HttpServletResponse response = SignInOnAnswer.of(request, answer, web);
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.equals("/assets/tollgate.css")) {
            asset(response, "tollgate.css", "text/css;charset=UTF-8");
            return;
        }
        if (path.equals("/assets/webauthn.js")) {
            asset(response, "webauthn.js", "text/javascript;charset=UTF-8");
            return;
        }
        Page page = new Page(request, response, web, templates);
        boolean post = "POST".equalsIgnoreCase(request.getMethod());
        if (!post && !"GET".equalsIgnoreCase(request.getMethod()) && !"HEAD".equalsIgnoreCase(request.getMethod())) {
            response.sendError(405);
            return;
        }
        try {
            if (post && !Page.csrfValid(request)) {
                page.problem(403, "error.csrf", false);
                return;
            }
            switch (path) {
                case "/login" -> LoginPage.handle(page, post);
                case "/challenge" -> ChallengePage.handle(page, post);
                case "/enroll" -> EnrolmentPage.handle(page, post);
                case "/factors" -> FactorsPage.handle(page, post);
                case "/confirm" -> ConfirmPage.handle(page, post);
                case "/choose" -> ChoicePage.handle(page, post);
                case "/saved" -> postOnly(page, post, () -> Pages.continueTo(page, null));
                case "/logout" -> postOnly(page, post, () -> {
                    web.sessions().end(request);
                    response.sendRedirect(request.getContextPath() + "/");
                });
                default -> response.sendError(404);
            }
        } catch (SessionRefusedException e) {
            // the server keeps the sign-in in another cookie than the session's, and the browser sent only the
            // session's (Open Liberty's LtpaToken2): as for a request that did not sign in, never a 500
            if (!response.isCommitted()) {
                response.reset();
                new Page(request, response, web, templates).problem(401, "error.sessionRefused", true);
            }
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Tollgate: factor store unavailable", e);
            if (!response.isCommitted()) {
                response.reset();
                new Page(request, response, web, templates)
                        .problem(503, "error.unavailable", false);
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void postOnly(Page page, boolean post, Step step) throws IOException {
        if (post) {
            step.run();
        } else {
            page.response().sendError(405);
        }
    }

    private static void asset(HttpServletResponse response, String name, String contentType) throws IOException {
        try (InputStream asset = PagesServlet.class.getResourceAsStream(name)) {
            byte[] bytes = asset.readAllBytes();
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentType(contentType);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
