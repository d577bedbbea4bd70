package dev.tollgate.web;

import dev.tollgate.twostep.TransactionIds;
import dev.tollgate.web.view.Message;
import dev.tollgate.web.view.PageContext;
import dev.tollgate.web.view.ProblemView;
import dev.tollgate.web.view.Templates;
import dev.tollgate.web.view.Texts;
import dev.tollgate.web.view.View;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One HTML page of Tollgate's being answered: the texts in the request's language, the CSRF token of every form,
 * the rendering of a view model with its template, and the headers that keep a page with a secret out of caches and
 * frames.
 *
 * <p>Texts come from the resource bundle {@value #BUNDLE}, looked up through the application's class loader first,
 * so that an application translates or rewords them with a {@code messages_xx.properties} of its own. Every text is
 * a {@link java.text.MessageFormat} pattern (so quotes are written {@code ''}); the templates escape it.
 *
 * @param request   the request
 * @param response  its response
 * @param web       what the adapters share
 * @param templates the precompiled templates
 * @param texts     the texts in the request's language
 */
record Page(HttpServletRequest request, HttpServletResponse response, TollgateWeb web, Templates templates,
        Texts texts) {

    static final String BUNDLE = "dev.tollgate.web.messages";
    private static final String CSRF_ATTRIBUTE = SessionStates.CSRF_ATTRIBUTE;

    /** A page answering a request, in the request's language. */
    Page(HttpServletRequest request, HttpServletResponse response, TollgateWeb web, Templates templates) {
        this(request, response, web, templates, new Texts(bundle(request.getLocale())));
    }

    /** A text of the bundle, formatted with its arguments: plain text, for a file the user downloads. */
    String text(String key, Object... arguments) {
        return texts.get(key, arguments);
    }

    /** A path of the application's, such as a safe return path, as a URL ({@code null}: the application's start). */
    String applicationUrl(String path) {
        return request.getContextPath() + (path == null ? "/" : path);
    }

    /** Renders {@code view} with its template and writes it with the security headers. */
    void render(int status, View view) throws IOException {
        PageContext context = new PageContext(texts, request.getContextPath(), web.settings().basePath(),
                web.settings().issuer(), this::csrfToken);
        byte[] bytes;
        try {
            bytes = templates.render(context, view);
        } catch (RuntimeException e) {
            // the form token is made while the template renders, and the template engine wraps what that throws
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SessionRefusedException refused) {
                    throw refused;
                }
            }
            throw e;
        }
        securityHeaders(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        // Written, not closed: closing the stream completes the response before the server has finished the
        // request, and a server that replicates sessions stores the session only then, so the client could send
        // its next request to another node before that node can see the change (Payara's data grid: 9 of 40)
        response.getOutputStream().write(bytes);
    }

    /** A page that only says what went wrong, with a way to start again. */
    void problem(int status, String key, boolean signInLink) throws IOException {
        render(status, new ProblemView(Message.of(key), signInLink));
    }

    /** No caching (pages show secrets and QR codes), no framing (clickjacking), nothing loaded from elsewhere. */
    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // script-src 'self': the security-key script is served from the jar; nothing inline, nothing from elsewhere;
        // connect-src 'self' for its calls to the JSON API
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self';"
                + " style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'");
    }

    private String csrfToken() {
        HttpSession session = SessionStates.create(request);
        String token = (String) session.getAttribute(CSRF_ATTRIBUTE);
        if (token == null) {
            token = web.useCases().ids().next();
            session.setAttribute(CSRF_ATTRIBUTE, token);
        }
        return token;
    }

    /** Whether a post carries the session's CSRF token (compared in constant time). */
    static boolean csrfValid(HttpServletRequest request) {
        HttpSession session = SessionStates.existing(request);
        String expected = session == null ? null : (String) session.getAttribute(CSRF_ATTRIBUTE);
        return TransactionIds.same(expected, request.getParameter("csrf"));
    }

    static ResourceBundle bundle(Locale requested) {
        Locale locale = requested == null ? Locale.ENGLISH : requested;
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, application != null ? application
                    : Page.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, Page.class.getClassLoader());
        }
    }
}
