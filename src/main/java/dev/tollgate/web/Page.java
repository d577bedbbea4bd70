package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.tollgate.twostep.TransactionIds;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One HTML page of Tollgate's being written: the texts in the request's language, the layout, the CSRF token of
 * every form, and the headers that keep a page with a secret out of caches and frames.
 *
 * <p>Texts come from the resource bundle {@value #BUNDLE}, looked up through the application's class loader first,
 * so that an application translates or rewords them with a {@code messages_xx.properties} of its own. Every text is
 * a {@link MessageFormat} pattern (so quotes are written {@code ''}) and is escaped for HTML.
 */
final class Page {

    static final String BUNDLE = "dev.tollgate.web.messages";
    private static final String CSRF_ATTRIBUTE = SessionStates.CSRF_ATTRIBUTE;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final TollgateWeb web;
    private final ResourceBundle texts;
    private final StringBuilder body = new StringBuilder(2048);

    Page(HttpServletRequest request, HttpServletResponse response, TollgateWeb web) {
        this.request = request;
        this.response = response;
        this.web = web;
        this.texts = bundle(request.getLocale());
    }

    TollgateWeb web() {
        return web;
    }

    HttpServletRequest request() {
        return request;
    }

    HttpServletResponse response() {
        return response;
    }

    /** A text of the bundle, formatted with its arguments and escaped for HTML. */
    String text(String key, Object... arguments) {
        return Html.escape(MessageFormat.format(texts.getString(key), arguments));
    }

    /** The same text unescaped, for a file the user downloads. */
    String plainText(String key, Object... arguments) {
        return MessageFormat.format(texts.getString(key), arguments);
    }

    /** Appends raw, already-escaped HTML. */
    Page html(String html) {
        body.append(html);
        return this;
    }

    Page heading(String key, Object... arguments) {
        return html("<h1>" + text(key, arguments) + "</h1>");
    }

    Page paragraph(String key, Object... arguments) {
        return html("<p>" + text(key, arguments) + "</p>");
    }

    Page muted(String key, Object... arguments) {
        return html("<p class=\"muted\">" + text(key, arguments) + "</p>");
    }

    Page error(String key, Object... arguments) {
        if (key != null) {
            html("<p class=\"error\" role=\"alert\" id=\"error\">" + text(key, arguments) + "</p>");
        }
        return this;
    }

    /** The URL of one of Tollgate's pages, escaped for an attribute. */
    String url(String page) {
        return Html.escape(request.getContextPath() + web.settings().basePath() + page);
    }

    /** Opens a form that posts to one of Tollgate's pages, with the CSRF token. */
    Page form(String page) {
        return form(page, null);
    }

    Page form(String page, String cssClass) {
        html("<form method=\"post\" action=\"" + url(page) + "\"" + (cssClass == null ? "" : " class=\"" + cssClass
                + "\"") + "><input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrfToken()) + "\">");
        return this;
    }

    Page hidden(String name, String value) {
        if (value != null) {
            html("<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">");
        }
        return this;
    }

    Page button(String key, String cssClass, String id) {
        return html("<button type=\"submit\"" + (cssClass == null ? "" : " class=\"" + cssClass + "\"")
                + (id == null ? "" : " id=\"" + id + "\"") + ">" + text(key) + "</button>");
    }

    Page endForm() {
        return html("</form>");
    }

    /** The code field: numeric keyboard on phones, one-time-code autofill, focus on load. */
    Page codeField() {
        return html("<label for=\"code\">" + text("code.label") + "</label>"
                + "<input class=\"code\" type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\""
                + " autocomplete=\"one-time-code\" pattern=\"[0-9 ]{6,9}\" maxlength=\"9\" required autofocus"
                + " aria-describedby=\"code-hint\"><p class=\"muted\" id=\"code-hint\">" + text("code.hint") + "</p>");
    }

    /** Loads the security-key script; the page carries its data in data- attributes. */
    Page webauthnScript() {
        return html("<script src=\"" + url("/assets/webauthn.js") + "\"></script>");
    }

    /** The API's base URL, for the script. */
    String apiUrl() {
        return url("/api");
    }

    /** The way out of Tollgate's pages: back to the application, and sign out. */
    Page footer(boolean backToApplication) {
        html("<nav class=\"footer\">");
        if (backToApplication) {
            html("<a href=\"" + Html.escape(request.getContextPath() + "/") + "\" id=\"back\">"
                    + text("link.back", web.settings().issuer()) + "</a>");
        }
        form("/logout", "inline").button("button.signout", "link", "tollgate-signout").endForm();
        return html("</nav>");
    }

    /** Writes the page with its security headers. */
    void write(int status, String titleKey) throws IOException {
        String language = texts.getLocale().getLanguage().isEmpty() ? "en" : texts.getLocale().getLanguage();
        String html = "<!doctype html><html lang=\"" + Html.escape(language) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + text(titleKey) + " &middot; " + Html.escape(web.settings().issuer()) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + url("/assets/tollgate.css") + "\"></head><body><main>"
                + "<p class=\"app\" id=\"app\">" + Html.escape(web.settings().issuer()) + "</p>"
                + body + "</main></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        securityHeaders(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    /** A page that only says what went wrong, with a way to start again. */
    void problem(int status, String key, boolean signInLink) throws IOException {
        heading("title.problem").error(key);
        if (signInLink) {
            html("<a class=\"button\" href=\"" + Html.escape(request.getContextPath() + "/") + "\">"
                    + text("link.signin") + "</a>");
        }
        write(status, "title.problem");
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
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF_ATTRIBUTE);
        if (token == null) {
            token = web.useCases().ids().next();
            session.setAttribute(CSRF_ATTRIBUTE, token);
        }
        return token;
    }

    /** Whether a post carries the session's CSRF token (compared in constant time). */
    static boolean csrfValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
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
