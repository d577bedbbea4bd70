package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON API's CSRF rule: a state-changing call must show that it comes from this site, not from another site's form.
 *
 * <p>A cross-site HTML form can POST with {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
 * {@code text/plain}, without an {@code Origin} header in older browsers or after a privacy-preserving redirect, and
 * with the user's cookies. None of it can send {@code Content-Type: application/json} across sites without a CORS
 * preflight, which this API never grants. So every call but {@code GET}, {@code HEAD} and {@code OPTIONS} must carry
 * one of:
 * <ul>
 * <li>{@code Content-Type: application/json} (what the pages' scripts and every API client send), or</li>
 * <li>an {@code Origin} naming this server (a same-origin script), or</li>
 * <li>{@code Sec-Fetch-Site: same-origin} (set by the browser itself; a page cannot forge it).</li>
 * </ul>
 * The calls without a body ({@code /logout}, {@code /recovery-codes}, {@code /enrollment/skip},
 * {@code /enrollment/opt-out}, {@code DELETE}s) are the ones this rule protects: those with a body refuse other
 * content types anyway. An {@code Origin} naming another site is refused on every call but {@code GET}, whatever
 * the content type.
 */
final class CrossSiteCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteCheck() {
    }

    /**
     * Refuses the request with {@code 403 forbidden_origin} unless it passes the rule.
     *
     * @param request the API request
     * @throws ApiException if it may come from another site
     */
    static void check(HttpServletRequest request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String origin = request.getHeader("Origin");
        if (origin != null && !"GET".equals(method) && !sameOrigin(request, origin)) {
            throw refused();
        }
        if (SAFE_METHODS.contains(method) || origin != null || isJson(request.getContentType())
                || "same-origin".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return;
        }
        throw refused();
    }

    /** The media type exactly, parameters aside: a prefix test would also take {@code application/jsonp}. */
    static boolean isJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private static boolean sameOrigin(HttpServletRequest request, String origin) {
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            return request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException malformed) {
            return false; // "null" (a sandboxed frame) and garbage alike
        }
    }

    private static ApiException refused() {
        return new ApiException(403, "forbidden_origin", ApiErrors.text("api.forbidden_origin"));
    }
}
