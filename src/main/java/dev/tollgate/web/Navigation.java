package dev.tollgate.web;

import dev.tollgate.config.TollgateSettings;
import dev.tollgate.twostep.LoginTransaction;
import dev.tollgate.twostep.MfaState;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Where Tollgate sends a user, and whether a request wants JSON or a page. */
final class Navigation {

    private static final int MAX_RETURN_LENGTH = 2048;

    private final TollgateSettings settings;

    Navigation(TollgateSettings settings) {
        this.settings = settings;
    }

    /** The request's path within the application, decoded and normalised by the container. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** The path and query to come back to after the second factor, for GET requests only. */
    String returnPath(HttpServletRequest request) {
        if (!"GET".equalsIgnoreCase(request.getMethod())) {
            return null;
        }
        String query = request.getQueryString();
        String target = path(request) + (query == null ? "" : "?" + query);
        return safeReturn(target);
    }

    /**
     * Accepts only a path inside this application: starting with one slash, no scheme, no backslash, no control
     * character, so that a crafted {@code return} parameter cannot send the user to another site.
     */
    static String safeReturn(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_RETURN_LENGTH) {
            return null;
        }
        if (target.charAt(0) != '/' || target.startsWith("//") || target.indexOf('\\') >= 0) {
            return null;
        }
        for (int i = 0; i < target.length(); i++) {
            if (Character.isISOControl(target.charAt(i))) {
                return null;
            }
        }
        return target;
    }

    /**
     * Whether the client expects JSON: an API path, Tollgate's own API, an Accept header that prefers JSON, or a
     * client that sends its credentials in an {@code Authorization} header and does not ask for HTML. The last is
     * the API client of a BASIC application (curl sends {@code Accept: *}{@code /*}, Java's HttpClient no Accept at
     * all): a redirect to an HTML page would be useless to it, while a browser that signs in with BASIC still asks
     * for {@code text/html} and gets the pages.
     */
    boolean wantsJson(HttpServletRequest request) {
        String path = path(request);
        if (path.startsWith(settings.basePath() + "/api/") || settings.apiPaths().matches(path)) {
            return true;
        }
        String accept = request.getHeader("Accept");
        String lower = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (lower.contains("text/html")) {
            return false;
        }
        return lower.contains("application/json") || request.getHeader("Authorization") != null;
    }

    /**
     * Whether the request is a browser's navigation to a page: a GET that asks for HTML. Only such a request is
     * sent to the enrolment choices after the password; API clients, scripts and clients that send no
     * {@code Accept: text/html} reach what they asked for, and learn of the offer from the login's JSON answer.
     */
    boolean isPageNavigation(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equalsIgnoreCase(request.getMethod()) && accept != null
                && accept.toLowerCase(Locale.ROOT).contains("text/html") && !wantsJson(request);
    }

    /** Sends a browser to the enrolment choices, and back to the page it asked for afterwards. */
    void sendToChoices(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String returnTo = returnPath(request);
        String target = request.getContextPath() + settings.basePath() + "/choose";
        if (returnTo != null) {
            target += "?return=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(target);
    }

    String challengePage(HttpServletRequest request) {
        return settings.pages().challenge().orElse(settings.basePath() + "/challenge");
    }

    String enrolPage(HttpServletRequest request) {
        return settings.pages().enroll().orElse(settings.basePath() + "/enroll");
    }

    String factorsPage() {
        return settings.pages().factors().orElse(settings.basePath() + "/factors");
    }

    /** Sends a user whose session waits for a second factor to the challenge or enrolment, or answers JSON. */
    void sendToSecondFactor(HttpServletRequest request, HttpServletResponse response, MfaState state)
            throws IOException {
        LoginTransaction transaction = state.transaction();
        boolean enrol = transaction != null && transaction.purpose() == LoginTransaction.Purpose.ENROL;
        if (wantsJson(request)) {
            JsonObjectBuilder body = Json.createObjectBuilder()
                    .add("error", "mfa_required")
                    .add("message", ApiErrors.text(enrol ? "api.mfa_required.enrol" : "api.mfa_required.verify",
                            request.getContextPath() + settings.basePath() + "/api"));
            if (transaction != null) {
                body.add("transactionId", transaction.id())
                        .add("status", enrol ? "enrollment_required" : "mfa_required");
            }
            response.setHeader("Cache-Control", "no-store");
            JsonIo.write(response, 401, body.build());
            return;
        }
        String page = enrol ? enrolPage(request) : challengePage(request);
        String target = request.getContextPath() + page;
        if (transaction != null && transaction.returnTo() != null) {
            target += "?return=" + URLEncoder.encode(transaction.returnTo(), StandardCharsets.UTF_8);
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(target);
    }
}
