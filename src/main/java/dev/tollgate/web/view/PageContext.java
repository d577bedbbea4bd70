package dev.tollgate.web.view;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every template of a page needs besides its view model: the texts in the request's language, the links to
 * Tollgate's pages and to the application, the application's name, and the session's CSRF token.
 *
 * <p>The token is asked for only by a template that renders a form, so that a page without one (a problem page)
 * does not start a session.
 */
public final class PageContext {

    private final Texts texts;
    private final String contextPath;
    private final String basePath;
    private final String issuer;
    private final Supplier<String> csrfToken;

    /**
     * @param texts the texts in the request's language
     * @param contextPath the application's context path ({@code ""} at the root)
     * @param basePath where Tollgate's pages are inside the application, such as {@code /mfa}
     * @param issuer the application's name, shown on every page
     * @param csrfToken gives the session's CSRF token, creating the session and token if need be
     */
    public PageContext(Texts texts, String contextPath, String basePath, String issuer, Supplier<String> csrfToken) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.contextPath = Objects.requireNonNull(contextPath, "contextPath");
        this.basePath = Objects.requireNonNull(basePath, "basePath");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.csrfToken = Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** The text of {@code key}, formatted with {@code arguments}. */
    public String text(String key, Object... arguments) {
        return texts.get(key, arguments);
    }

    /** The text of a message. */
    public String text(Message message) {
        return texts.get(message);
    }

    public String language() {
        return texts.language();
    }

    public String issuer() {
        return issuer;
    }

    /** The URL of one of Tollgate's pages or assets, such as {@code url("/factors")}. */
    public String url(String page) {
        return contextPath + basePath + page;
    }

    /** The page that asks for a fresh proof of a factor, and then goes back to one of Tollgate's pages. */
    public String confirm(String page) {
        return url("/confirm?return=" + basePath + page);
    }

    /** The application's start page. */
    public String home() {
        return contextPath + "/";
    }

    /** The base URL of the JSON API, for the security-key script. */
    public String api() {
        return url("/api");
    }

    public String csrfToken() {
        return csrfToken.get();
    }
}
