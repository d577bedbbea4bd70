package dev.tollgate.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for one user: keeps its cookies, follows no redirects (tests assert on them), and speaks
 * form posts and JSON.
 */
public final class Client {

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String authorization;

    /**
     * Creates a client of a deployed application.
     *
     * @param base the application's URL, ending with its context root and a slash
     */
    public Client(URL base) {
        try {
            this.base = base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        // Java's client asks for an upgrade to h2c unless told otherwise; -Dit.http=HTTP_1_1 (the liberty profile)
        // speaks HTTP/1.1 as browsers do without TLS: over h2c, Open Liberty delivered a longer answer incomplete
        this.http = HttpClient.newBuilder().version(HttpClient.Version.valueOf(System.getProperty("it.http", "HTTP_2")))
                .cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Sends HTTP Basic credentials with every later request, as an API client of a BASIC application does.
     *
     * @param user     the user name, or null to stop sending credentials
     * @param password the password
     * @return this client
     */
    public Client basic(String user, String password) {
        authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Resolves a path of the application (without leading slash). */
    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    /**
     * Follows a redirect the way a browser does, to the path of its {@code Location} in this application (the host
     * the server names may differ from the one the test connects to).
     *
     * @param redirect a response with a {@code Location} header
     * @return the answer at that location
     */
    public HttpResponse<String> followRedirect(HttpResponse<String> redirect) {
        String path = URI.create(location(redirect)).getPath();
        if (!path.startsWith(base.getPath())) {
            throw new IllegalArgumentException("a redirect out of the application: " + location(redirect));
        }
        return get(path.substring(base.getPath().length()));
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a JSON value to the JSON API. */
    public HttpResponse<String> postJson(String path, JsonValue json) {
        return postJsonText(path, json.toString());
    }

    /**
     * Posts text as {@code application/json}, for the tests of hostile input: text that is not JSON, or not the JSON
     * that {@link #postJson(String, JsonValue)} would write. Every other body is built with JSON-P.
     */
    public HttpResponse<String> postJsonText(String path, String text) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every cookie, as a client that does not keep them. */
    public void dropCookies() {
        cookies.getCookieStore().removeAll();
    }

    /**
     * Sends a bodiless {@code DELETE} as a single-page application's {@code fetch} does: with
     * {@code Content-Type: application/json}, which the API demands of every state-changing call and which a
     * cross-site form cannot send.
     */
    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("Content-Type", "application/json").DELETE());
    }

    /** The session cookie's value, if the server set one. */
    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst();
    }

    /**
     * Every cookie the client holds, as a {@code Cookie} header: what another client with a cookie jar sends (curl's
     * {@code -b}). On Open Liberty the session cookie alone is not the sign-in: a FORM login lives in its
     * {@code LtpaToken2} cookie.
     */
    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Replaces the session cookie, as an attacker who learnt or planted one would. */
    public void useSessionId(String id) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
        HttpCookie cookie = new HttpCookie("JSESSIONID", id);
        cookie.setPath(base.getPath());
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    public static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
