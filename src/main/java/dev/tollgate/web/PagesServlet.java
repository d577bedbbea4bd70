package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
import dev.tollgate.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser pages of the second factor, under {@code <basePath>} (default {@code /mfa}): {@code challenge} (code
 * entry), {@code enroll} (QR code, secret for manual entry, first code), {@code factors} (list, add, remove) and
 * {@code logout}.
 *
 * <p>Every text comes from the resource bundle {@code dev.tollgate.web.messages} in the request's locale, so an
 * application can translate or reword it. Every form carries a CSRF token; every page forbids framing and caching
 * and loads nothing from elsewhere.
 */
public class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PagesServlet.class.getName());
    private static final String CSRF_ATTRIBUTE = "dev.tollgate.csrf";
    private static final String ENROLMENT_ATTRIBUTE = "dev.tollgate.enrolment";
    private static final String BUNDLE = "dev.tollgate.web.messages";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Tollgate tollgate = Tollgate.of(getServletContext());
        securityHeaders(response);
        String page = request.getPathInfo() == null ? "/" : request.getPathInfo();
        boolean post = "POST".equalsIgnoreCase(request.getMethod());
        try {
            if (page.equals("/assets/tollgate.css")) {
                stylesheet(response);
                return;
            }
            if (post && !csrfValid(request)) {
                problem(request, response, 403, "error.csrf", false);
                return;
            }
            switch (page) {
                case "/challenge" -> challenge(tollgate, request, response, post);
                case "/enroll" -> enrol(tollgate, request, response, post);
                case "/factors" -> factors(tollgate, request, response, post);
                case "/saved" -> {
                    if (!post) {
                        response.sendError(405);
                        return;
                    }
                    continueTo(request, response, null);
                }
                case "/logout" -> {
                    if (!post) {
                        response.sendError(405);
                        return;
                    }
                    ApiServlet.endSession(request);
                    response.sendRedirect(request.getContextPath() + "/");
                }
                default -> response.sendError(404);
            }
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Tollgate: factor store unavailable", e);
            problem(request, response, 503, "error.unavailable", false);
        }
    }

    private void challenge(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, boolean post)
            throws IOException {
        MfaState state = Tollgate.state(request);
        LoginTransaction transaction = state == null ? null : state.transaction();
        if (transaction == null) {
            problem(request, response, 400, "error.noSignIn", true);
            return;
        }
        if (transaction.purpose() == LoginTransaction.Purpose.ENROL) {
            response.sendRedirect(request.getContextPath() + tollgate.settings().basePath() + "/enroll");
            return;
        }
        if (!post) {
            challengePage(request, response, 200, state, null);
            return;
        }
        HttpSession session = request.getSession(false);
        SignInFlow.Verification result;
        String recoveryCode = request.getParameter("recoveryCode");
        SignInFlow.Proof proof = recoveryCode != null ? new SignInFlow.RecoveryCodeProof(recoveryCode)
                : new SignInFlow.TotpCode(request.getParameter("code"));
        try {
            synchronized (tollgate.lockFor(session)) {
                result = tollgate.flow().verify(Tollgate.state(request), transaction.id(), proof,
                        request.getRemoteAddr());
                if (result.outcome() == SignInFlow.CodeOutcome.ACCEPTED) {
                    request.changeSessionId();
                }
                Tollgate.store(request, result.state());
            }
        } catch (InvalidRequestException malformed) {
            challengePage(request, response, 400, state, "error.malformed");
            return;
        }
        switch (result.outcome()) {
            case ACCEPTED -> continueTo(request, response, transaction.returnTo());
            case WRONG -> challengePage(request, response, 401, result.state(),
                    recoveryCode != null ? "error.invalidRecoveryCode" : "error.invalidCode");
            case TOO_MANY_ATTEMPTS -> {
                ApiServlet.endSession(request);
                problem(request, response, 429, "error.tooMany", true);
            }
            case LOCKED -> {
                ApiServlet.endSession(request);
                problem(request, response, 429, "error.locked", true);
            }
            default -> {
                ApiServlet.endSession(request);
                problem(request, response, 410, "error.expired", true);
            }
        }
    }

    private void challengePage(HttpServletRequest request, HttpServletResponse response, int status, MfaState state,
            String errorKey) throws IOException {
        ResourceBundle text = bundle(request);
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(t(text, "title.challenge")).append("</h1>");
        error(body, text, errorKey);
        body.append("<p>").append(Html.escape(MessageFormat.format(text.getString("challenge.intro"),
                state.identity().username()))).append("</p>");
        body.append("<form method=\"post\" action=\"").append(action(request, "/challenge")).append("\">");
        csrfField(body, request);
        codeField(body, text);
        body.append("<button type=\"submit\">").append(t(text, "button.verify")).append("</button></form>");
        body.append("<details><summary>").append(t(text, "recovery.use")).append("</summary>")
                .append("<form method=\"post\" action=\"").append(action(request, "/challenge")).append("\">");
        csrfField(body, request);
        body.append("<label for=\"recoveryCode\">").append(t(text, "recovery.label")).append("</label>")
                .append("<input type=\"text\" id=\"recoveryCode\" name=\"recoveryCode\" autocomplete=\"off\"")
                .append(" spellcheck=\"false\" autocapitalize=\"off\" maxlength=\"20\" placeholder=\"xxxx-xxxx-xxxx\">")
                .append("<button class=\"secondary\" type=\"submit\">").append(t(text, "button.verify"))
                .append("</button></form></details>");
        signOut(body, request, text);
        write(response, status, text, "title.challenge", body, request);
    }

    private void enrol(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, boolean post)
            throws IOException {
        MfaState state = Tollgate.state(request);
        if (state == null) {
            problem(request, response, 400, "error.noSignIn", true);
            return;
        }
        if (!state.mayAddFactor()) {
            // adding a factor needs the existing one first
            MfaState next = tollgate.flow().stepUp(state, tollgate.settings().basePath() + "/enroll");
            Tollgate.store(request, next);
            new Navigation(tollgate.settings()).sendToSecondFactor(request, response, next);
            return;
        }
        String username = state.identity().username();
        HttpSession session = request.getSession(true);
        String pendingId = (String) session.getAttribute(ENROLMENT_ATTRIBUTE);
        Optional<TotpEnrolment> pending = pendingId == null ? Optional.empty()
                : tollgate.totp().resume(username, pendingId);
        if (!post || pending.isEmpty()) {
            TotpEnrolment enrolment = pending.orElseGet(() -> tollgate.totp().enrol(username, null));
            session.setAttribute(ENROLMENT_ATTRIBUTE, enrolment.factorId());
            enrolPage(tollgate, request, response, 200, enrolment, null);
            return;
        }
        TotpEnrolment enrolment = pending.get();
        boolean confirmed;
        try {
            confirmed = tollgate.totp().confirm(username, enrolment.factorId(), request.getParameter("code"));
            String label = request.getParameter("label");
            if (confirmed && label != null && !label.isBlank()) {
                tollgate.totp().rename(username, enrolment.factorId(), label);
            }
        } catch (InvalidRequestException malformed) {
            enrolPage(tollgate, request, response, 400, enrolment, "error.malformed");
            return;
        }
        if (!confirmed) {
            enrolPage(tollgate, request, response, 401, enrolment, "error.invalidCode");
            return;
        }
        session.removeAttribute(ENROLMENT_ATTRIBUTE);
        tollgate.flow().publish(SecurityEventType.FACTOR_CONFIRMED, state, request.getRemoteAddr(),
                enrolment.factorId(), null);
        String returnTo;
        MfaState upgraded;
        synchronized (tollgate.lockFor(session)) {
            MfaState current = Optional.ofNullable(Tollgate.state(request)).orElse(state);
            returnTo = current.transaction() == null ? null : current.transaction().returnTo();
            request.changeSessionId();
            upgraded = current.atAal2();
            Tollgate.store(request, upgraded);
        }
        String next = returnTo != null ? returnTo : Navigation.safeReturn(request.getParameter("return"));
        if (tollgate.recovery().remaining(username) == 0) {
            // the first factor comes with recovery codes, shown this once
            List<String> codes = tollgate.recovery().regenerate(username);
            tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, upgraded, request.getRemoteAddr(),
                    null, "with the first factor");
            recoveryCodesPage(request, response, codes, next);
            return;
        }
        continueTo(request, response, next);
    }

    private void enrolPage(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, int status,
            TotpEnrolment enrolment, String errorKey) throws IOException {
        ResourceBundle text = bundle(request);
        String uri = enrolment.keyUri().toUriString();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(t(text, "title.enroll")).append("</h1>");
        error(body, text, errorKey);
        body.append("<p>").append(t(text, "enroll.step1")).append("</p>");
        body.append("<img class=\"qr\" id=\"qr\" alt=\"QR code\" src=\"")
                .append(tollgate.qrCodes().dataUrl(uri)).append("\">");
        body.append("<p class=\"muted\">").append(t(text, "enroll.manual")).append("</p>");
        body.append("<p class=\"secret\" id=\"secret\">").append(Html.escape(enrolment.secret().base32Grouped()))
                .append("</p>");
        body.append("<form method=\"post\" action=\"").append(action(request, "/enroll")).append("\">");
        csrfField(body, request);
        body.append("<p>").append(t(text, "enroll.step2")).append("</p>");
        codeField(body, text);
        body.append("<label for=\"label\">").append(t(text, "enroll.label")).append("</label>")
                .append("<input type=\"text\" id=\"label\" name=\"label\" maxlength=\"100\" placeholder=\"")
                .append(t(text, "enroll.label.placeholder")).append("\">");
        String back = Navigation.safeReturn(request.getParameter("return"));
        if (back != null) {
            body.append("<input type=\"hidden\" name=\"return\" value=\"").append(Html.escape(back)).append("\">");
        }
        body.append("<button type=\"submit\">").append(t(text, "button.confirm")).append("</button></form>");
        signOut(body, request, text);
        write(response, status, text, "title.enroll", body, request);
    }

    private void factors(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, boolean post)
            throws IOException {
        MfaState state = Tollgate.state(request);
        if (state == null) {
            problem(request, response, 400, "error.noSignIn", true);
            return;
        }
        String username = state.identity().username();
        if (post) {
            if (state.aal() != AssuranceLevel.AAL2) {
                MfaState next = tollgate.flow().stepUp(state, tollgate.settings().basePath() + "/factors");
                Tollgate.store(request, next);
                new Navigation(tollgate.settings()).sendToSecondFactor(request, response, next);
                return;
            }
            if (request.getParameter("regenerate") != null && !tollgate.flow().confirmedFactors(username).isEmpty()) {
                List<String> codes = tollgate.recovery().regenerate(username);
                tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, state, request.getRemoteAddr(),
                        null, null);
                recoveryCodesPage(request, response, codes, tollgate.settings().basePath() + "/factors");
                return;
            }
            String id = request.getParameter("remove");
            if (id != null) {
                List<Factor> confirmed = tollgate.flow().confirmedFactors(username);
                boolean last = confirmed.size() == 1 && confirmed.get(0).id().equals(id);
                if (last && tollgate.policy().mustEnrol(state.identity().origin() == Origin.CONTAINER
                        ? request::isUserInRole : state.identity().groups()::contains)) {
                    problem(request, response, 409, "error.lastFactor", false);
                    return;
                }
                if (tollgate.store().delete(id, username)) {
                    tollgate.flow().publish(SecurityEventType.FACTOR_REMOVED, state, request.getRemoteAddr(), id, null);
                    if (last) {
                        tollgate.recovery().deleteAll(username);
                    }
                }
            }
            response.sendRedirect(request.getContextPath() + tollgate.settings().basePath() + "/factors");
            return;
        }
        ResourceBundle text = bundle(request);
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(request.getLocale()).withZone(ZoneOffset.UTC);
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(t(text, "title.factors")).append("</h1>");
        body.append("<p class=\"muted\">").append(Html.escape(MessageFormat.format(text.getString("factors.user"),
                username))).append(" &middot; ").append(state.aal().code()).append("</p>");
        List<Factor> factors = tollgate.flow().confirmedFactors(username);
        if (factors.isEmpty()) {
            body.append("<p>").append(t(text, "factors.none")).append("</p>");
        } else {
            body.append("<ul class=\"factors\">");
            for (Factor factor : factors) {
                String used = factor.lastUsedAt() == null ? text.getString("factors.neverUsed")
                        : MessageFormat.format(text.getString("factors.lastUsed"), when.format(factor.lastUsedAt()));
                body.append("<li><div><strong>").append(Html.escape(factor.label())).append("</strong><br>")
                        .append("<span class=\"muted\">")
                        .append(Html.escape(MessageFormat.format(text.getString("factors.created"),
                                when.format(factor.createdAt()))))
                        .append(" &middot; ").append(Html.escape(used)).append("</span></div>")
                        .append("<form class=\"inline\" method=\"post\" action=\"")
                        .append(action(request, "/factors")).append("\">");
                csrfField(body, request);
                body.append("<input type=\"hidden\" name=\"remove\" value=\"").append(Html.escape(factor.id()))
                        .append("\"><button class=\"danger\" type=\"submit\">").append(t(text, "button.remove"))
                        .append("</button></form></li>");
            }
            body.append("</ul>");
        }
        body.append("<a class=\"button\" href=\"").append(action(request, "/enroll")).append("\">")
                .append(t(text, "button.add")).append("</a>");
        if (!factors.isEmpty()) {
            long remaining = tollgate.recovery().remaining(username);
            body.append("<h2>").append(t(text, "recovery.title")).append("</h2>")
                    .append(remaining <= 3 ? "<p class=\"error\" id=\"recovery-remaining\">"
                            : "<p id=\"recovery-remaining\">")
                    .append(Html.escape(MessageFormat.format(text.getString(remaining <= 3 ? "recovery.fewLeft"
                            : "recovery.left"), remaining)))
                    .append("</p><form method=\"post\" action=\"").append(action(request, "/factors")).append("\">");
            csrfField(body, request);
            body.append("<input type=\"hidden\" name=\"regenerate\" value=\"1\"><button class=\"secondary\"")
                    .append(" type=\"submit\">").append(t(text, "button.regenerate")).append("</button></form>");
        }
        signOut(body, request, text);
        write(response, 200, text, "title.factors", body, request);
    }

    /**
     * Shows a new set of recovery codes, once: the page is not cached, and the codes are nowhere else (only their
     * hashes are stored). A download as a text file, and a deliberate "I saved these codes" step to go on.
     */
    private void recoveryCodesPage(HttpServletRequest request, HttpServletResponse response, List<String> codes,
            String next) throws IOException {
        ResourceBundle text = bundle(request);
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(t(text, "recovery.title")).append("</h1>")
                .append("<p>").append(t(text, "recovery.intro")).append("</p><ol class=\"codes\" id=\"codes\">");
        StringBuilder file = new StringBuilder(MessageFormat.format(text.getString("recovery.fileHeader"),
                Tollgate.of(getServletContext()).settings().issuer())).append("\n\n");
        for (String code : codes) {
            body.append("<li><code>").append(Html.escape(code)).append("</code></li>");
            file.append(code).append('\n');
        }
        body.append("</ol><p><a class=\"button secondary\" id=\"download\" download=\"recovery-codes.txt\" href=\"")
                .append("data:text/plain;charset=utf-8;base64,")
                .append(Base64.getEncoder().encodeToString(file.toString().getBytes(StandardCharsets.UTF_8)))
                .append("\">").append(t(text, "recovery.download")).append("</a></p>")
                .append("<form method=\"post\" action=\"").append(action(request, "/saved")).append("\">");
        csrfField(body, request);
        String target = Navigation.safeReturn(next);
        if (target != null) {
            body.append("<input type=\"hidden\" name=\"return\" value=\"").append(Html.escape(target)).append("\">");
        }
        body.append("<label class=\"check\"><input type=\"checkbox\" name=\"saved\" required> ")
                .append(t(text, "recovery.confirm")).append("</label>")
                .append("<button type=\"submit\" id=\"saved\">").append(t(text, "link.continue"))
                .append("</button></form>");
        write(response, 200, text, "recovery.title", body, request);
    }

    private void continueTo(HttpServletRequest request, HttpServletResponse response, String returnTo)
            throws IOException {
        String target = Navigation.safeReturn(returnTo != null ? returnTo : request.getParameter("return"));
        response.sendRedirect(request.getContextPath() + (target == null ? "/" : target));
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, int status, String key,
            boolean signInLink) throws IOException {
        ResourceBundle text = bundle(request);
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(t(text, "title.problem")).append("</h1>");
        error(body, text, key);
        if (signInLink) {
            body.append("<a class=\"button\" href=\"").append(Html.escape(request.getContextPath())).append("/\">")
                    .append(t(text, "link.signin")).append("</a>");
        }
        write(response, status, text, "title.problem", body, request);
    }

    private static void error(StringBuilder body, ResourceBundle text, String key) {
        if (key != null) {
            body.append("<p class=\"error\" role=\"alert\" id=\"error\">").append(t(text, key)).append("</p>");
        }
    }

    private static void codeField(StringBuilder body, ResourceBundle text) {
        body.append("<label for=\"code\">").append(t(text, "code.label")).append("</label>")
                .append("<input class=\"code\" type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\"")
                .append(" autocomplete=\"one-time-code\" pattern=\"[0-9 ]{6,9}\" maxlength=\"9\" required autofocus")
                .append(" aria-describedby=\"code-hint\">")
                .append("<p class=\"muted\" id=\"code-hint\">").append(t(text, "code.hint")).append("</p>");
    }

    private void signOut(StringBuilder body, HttpServletRequest request, ResourceBundle text) {
        body.append("<form method=\"post\" action=\"").append(action(request, "/logout")).append("\">");
        csrfField(body, request);
        body.append("<button class=\"secondary\" type=\"submit\">").append(t(text, "button.signout"))
                .append("</button></form>");
    }

    private String action(HttpServletRequest request, String page) {
        Tollgate tollgate = Tollgate.of(getServletContext());
        return Html.escape(request.getContextPath() + tollgate.settings().basePath() + page);
    }

    private void write(HttpServletResponse response, int status, ResourceBundle text, String titleKey,
            StringBuilder body, HttpServletRequest request) throws IOException {
        String stylesheet = action(request, "/assets/tollgate.css");
        String html = "<!doctype html><html lang=\"" + Html.escape(text.getLocale().getLanguage().isEmpty() ? "en"
                : text.getLocale().getLanguage()) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + t(text, titleKey) + "</title><link rel=\"stylesheet\" href=\"" + stylesheet + "\">"
                + "</head><body><main>" + body + "</main></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    private static void stylesheet(HttpServletResponse response) throws IOException {
        try (InputStream css = PagesServlet.class.getResourceAsStream("tollgate.css")) {
            byte[] bytes = css.readAllBytes();
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.setContentType("text/css;charset=UTF-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    /** No caching (pages show secrets and QR codes), no framing (clickjacking), nothing loaded from elsewhere. */
    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:;"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    private static void csrfField(StringBuilder body, HttpServletRequest request) {
        body.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(csrfToken(request)))
                .append("\">");
    }

    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF_ATTRIBUTE);
        if (token == null) {
            byte[] bytes = new byte[24];
            new java.security.SecureRandom().nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF_ATTRIBUTE, token);
        }
        return token;
    }

    private static boolean csrfValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF_ATTRIBUTE);
        return TransactionIds.same(expected, request.getParameter("csrf"));
    }

    private static ResourceBundle bundle(HttpServletRequest request) {
        Locale locale = request.getLocale() == null ? Locale.ENGLISH : request.getLocale();
        try {
            // the application's class loader first, so that its own translations and rewordings win
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return ResourceBundle.getBundle(BUNDLE, locale, loader != null ? loader
                    : PagesServlet.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, PagesServlet.class.getClassLoader());
        }
    }

    /** Every text goes through MessageFormat, so that quoting in the bundle follows one rule ({@code ''}). */
    private static String t(ResourceBundle text, String key) {
        return Html.escape(MessageFormat.format(text.getString(key), new Object[0]));
    }
}
