package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.TollgateException;
import dev.tollgate.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The JSON API for single-page and mobile clients, under {@code <basePath>/api} (default {@code /mfa/api}): a table
 * of calls, each a thin adapter over one use case, and one mapping from refusals and exceptions to
 * {@code {"error","message"}}.
 *
 * <p>Every error is JSON with a stable {@code error} code and a human {@code message}; nothing returns a stack trace.
 * Responses have {@code Cache-Control: no-store}. State-changing calls must show that they come from this site
 * ({@link CrossSiteCheck}): the JSON content type, a same-origin {@code Origin} or {@code Sec-Fetch-Site}.
 */
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ApiServlet.class.getName());
    private static final Pattern FACTOR_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final transient TollgateWeb web;
    private transient ApiErrors errors;
    private final transient ApiRouter router = new ApiRouter()
            .param("id", id -> FACTOR_ID.matcher(id).matches())
            .route("POST", "/login", SignInCalls::login)
            .route("POST", "/verify", SignInCalls::verify)
            .route("POST", "/webauthn/options", SignInCalls::securityKeyOptions)
            .route("POST", "/logout", SignInCalls::logout)
            .route("GET", "/factors", FactorCalls::list)
            .route("POST", "/factors/totp", FactorCalls::startApp)
            .route("POST", "/factors/webauthn", FactorCalls::startSecurityKey)
            .route("POST", "/factors/webauthn/{id}/finish", FactorCalls::finishSecurityKey)
            .route("POST", "/factors/{id}/verify", FactorCalls::confirmApp)
            .route("PATCH", "/factors/{id}", FactorCalls::rename)
            .route("DELETE", "/factors/{id}", FactorCalls::remove)
            .route("POST", "/factors/{id}/remove", FactorCalls::remove)
            .route("POST", "/recovery-codes", FactorCalls::regenerateRecoveryCodes)
            .route("POST", "/reauthenticate", FactorCalls::reauthenticate)
            .route("POST", "/enrollment/skip", ChoiceCalls::skip)
            .route("POST", "/enrollment/opt-out", ChoiceCalls::optOut)
            .route("DELETE", "/enrollment/opt-out", ChoiceCalls::optIn)
            .route("GET", "/admin/users/{username}/factors", ChoiceCalls::overview)
            .route("DELETE", "/admin/users/{username}/factors", ChoiceCalls::reset);

    /**
     * Creates the API; the start-up registers it.
     *
     * @param web what the adapters share
     */
    public ApiServlet(TollgateWeb web) {
        this.web = web;
    }

    /** The messages name calls as a client sends them: with the application's context path. */
    @Override
    public void init() {
        this.errors = new ApiErrors(apiPath());
    }

    private String apiPath() {
        return getServletContext().getContextPath() + web.settings().basePath() + "/api";
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse answer) throws IOException {
        HttpServletResponse response = SignInOnAnswer.of(request, answer, web);
        response.setHeader("Cache-Control", "no-store");
        try {
            CrossSiteCheck.check(request);
            dispatch(request, response);
        } catch (ApiException e) {
            e.writeTo(response);
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Tollgate: factor store unavailable", e);
            JsonIo.error(response, 503, e.error(), ApiErrors.text("api.unavailable"));
        } catch (SessionRefusedException e) {
            JsonIo.error(response, 401, e.error(), e.getMessage());
        } catch (InvalidRequestException e) {
            JsonIo.error(response, 400, e.error(), e.getMessage());
        } catch (TollgateException e) {
            JsonIo.error(response, 400, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tollgate: unexpected failure in " + request.getMethod() + " "
                    + Navigation.path(request), e);
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader("Cache-Control", "no-store");
                JsonIo.error(response, 500, "server_error", ApiErrors.text("api.server_error"));
            }
        }
    }

    private void dispatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        ApiRouter.Resolution resolution = router.resolve(request.getMethod(), path);
        if (resolution instanceof ApiRouter.Found found) {
            found.handler().handle(new ApiCall(request, response, found.parameters(), web, errors));
        } else if (resolution instanceof ApiRouter.WrongMethod wrong) {
            response.setHeader("Allow", String.join(", ", wrong.allowed()));
            throw new ApiException(405, "method_not_allowed", "Use " + String.join(" or ", wrong.allowed())
                    + " for this call");
        } else if (resolution instanceof ApiRouter.BadParameter bad) {
            throw new InvalidRequestException("The " + bad.name() + " in the path is not a valid " + bad.name());
        } else {
            String shown = path.length() > 100 ? path.substring(0, 100) + "..." : path;
            throw new ApiException(404, "not_found", ApiErrors.text("api.no_such_call",
                    request.getMethod() + " " + apiPath() + shown));
        }
    }
}
