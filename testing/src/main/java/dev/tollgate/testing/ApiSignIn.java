package dev.tollgate.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Signs a user in through Tollgate's JSON API in one call: the password ({@code POST /mfa/api/login}), then a fresh
 * code of the user's authenticator with the login's transaction id ({@code POST /mfa/api/verify}).
 *
 * <pre>{@code
 * SignedIn alice = ApiSignIn.at(baseUrl).signIn("alice", "alice-password", app);
 * HttpResponse<String> page = alice.client().send(HttpRequest.newBuilder(baseUrl.resolve("expenses")).build(),
 *         HttpResponse.BodyHandlers.ofString());          // the session is at aal2
 * }</pre>
 *
 * <p>The code comes from {@link TestAuthenticator#freshCode()}, so that sign-ins in quick succession never send a
 * time step the server already accepted (RFC 6238 section 5.2). The calls send {@code Content-Type:
 * application/json}, which the API's cross-site check asks for, and carry the session in the client's cookies: pass
 * a client with a cookie handler, or let {@link #signIn(String, String, TestAuthenticator)} make one.
 */
public final class ApiSignIn {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI application;
    private final String basePath;

    private ApiSignIn(URI application, String basePath) {
        this.application = application;
        this.basePath = basePath;
    }

    /**
     * Signs in to an application whose Tollgate runs under the default base path {@code /mfa}.
     *
     * @param application the application's URL, for example {@code http://127.0.0.1:8080/expenses/} (Arquillian's
     *                    {@code @ArquillianResource URL}); a path without a final slash is taken as a directory
     * @return the sign-in
     */
    public static ApiSignIn at(URI application) {
        Objects.requireNonNull(application, "application");
        String path = application.getPath() == null || application.getPath().isEmpty() ? "/" : application.getPath();
        return new ApiSignIn(application.resolve(path.endsWith("/") ? path : path + "/"), "/mfa");
    }

    /**
     * Returns this sign-in for an application whose {@code tollgate.basePath} is not {@code /mfa}.
     *
     * @param basePath the application's {@code tollgate.basePath}, for example {@code /security/mfa}
     * @return the sign-in
     */
    public ApiSignIn basePath(String basePath) {
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath must start with / and not end with one, not " + basePath);
        }
        return new ApiSignIn(application, basePath);
    }

    /**
     * Signs in with a new client that keeps the session's cookies, to use for the requests that follow.
     *
     * @param username the user
     * @param password the user's password
     * @param app      the user's authenticator
     * @return the signed-in session
     * @throws SignInFailedException if the server refused the password or the code, or asked for anything else
     */
    public SignedIn signIn(String username, String password, TestAuthenticator app) {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        return signIn(client, username, password, app);
    }

    /**
     * Signs in with the given client, whose cookie handler then carries the session.
     *
     * @param client   a client with a cookie handler
     * @param username the user
     * @param password the user's password
     * @param app      the user's authenticator
     * @return the signed-in session
     * @throws IllegalArgumentException if the client keeps no cookies
     * @throws SignInFailedException    if the server refused the password or the code, or asked for anything else
     */
    public SignedIn signIn(HttpClient client, String username, String password, TestAuthenticator app) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(app, "app");
        if (client.cookieHandler().isEmpty()) {
            throw new IllegalArgumentException("the client needs a cookie handler: the session cookie carries the"
                    + " sign-in from the password to the code");
        }
        HttpResponse<String> login = post(client, "login",
                Json.object("username", username, "password", password));
        String status = Json.string(login.body(), "status").orElse("");
        if (login.statusCode() != 200 || !"mfa_required".equals(status)) {
            throw SignInFailedException.of("login", login,
                    "mfa_required (does " + username + " have a confirmed authenticator app?)");
        }
        String transactionId = Json.string(login.body(), "transactionId")
                .orElseThrow(() -> SignInFailedException.of("login", login, "a transactionId"));
        HttpResponse<String> verify = post(client, "verify",
                Json.object("transactionId", transactionId, "code", app.freshCode()));
        if (verify.statusCode() != 200 || !"authenticated".equals(Json.string(verify.body(), "status").orElse(""))) {
            throw SignInFailedException.of("verify", verify, "authenticated");
        }
        return new SignedIn(client, Json.string(verify.body(), "user").orElse(username),
                Json.string(verify.body(), "aal").orElse(""));
    }

    private HttpResponse<String> post(HttpClient client, String call, String body) {
        URI uri = application.resolve(basePath.substring(1) + "/api/" + call);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SignInFailedException("POST " + uri + " failed: " + e, -1, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailedException("interrupted during POST " + uri, -1, null, e);
        }
    }
}
