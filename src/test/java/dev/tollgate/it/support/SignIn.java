package dev.tollgate.it.support;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The first and second steps of a test user's sign-in: the password through the application's login form or
 * Tollgate's JSON login, then a code through Tollgate's JSON verification.
 *
 * <pre>{@code
 * Client carol = SignIn.withForm(new Client(base), "carol");           // the server's FORM login
 * String transactionId = SignIn.transaction(new Client(base), "dave"); // JSON login of a user with a factor
 * }</pre>
 */
public final class SignIn {

    /** The password of every test user: the server's file realm and the applications' own identity stores. */
    public static final String PASSWORD = "correct-horse-battery";

    /** The page a browser asks for before it signs in; every test application protects it for {@code staff}. */
    public static final String PROTECTED_PAGE = "secure/whoami";

    private SignIn() {
    }

    /** The body of a JSON login. */
    public static JsonObject credentials(String user, String password) {
        return Json.createObjectBuilder().add("username", user).add("password", password).build();
    }

    /** The body of a JSON login with the test password. */
    public static JsonObject credentials(String user) {
        return credentials(user, PASSWORD);
    }

    /**
     * Signs in through Tollgate's JSON login with the test password.
     *
     * @param client the client, whose session the sign-in starts
     * @param user   the user
     * @return the answer, with {@code status} and, for a second factor, {@code transactionId}
     */
    public static JsonObject withJson(Client client, String user) {
        return withJson(client, user, PASSWORD);
    }

    /** Signs in through Tollgate's JSON login; the answer must be 200. */
    public static JsonObject withJson(Client client, String user, String password) {
        HttpResponse<String> login = client.postJson("mfa/api/login", credentials(user, password));
        assertEquals(200, login.statusCode(), login.body());
        return json(login);
    }

    /**
     * Signs a user with a factor in through the JSON login and returns the transaction that waits for the code.
     *
     * @param client the client
     * @param user   a user with a confirmed factor
     * @return the transaction id
     */
    public static String transaction(Client client, String user) {
        JsonObject login = withJson(client, user);
        assertEquals("mfa_required", login.getString("status"), login.toString());
        return login.getString("transactionId");
    }

    /** Answers a pending sign-in with an authenticator code through the JSON API. */
    public static HttpResponse<String> verify(Client client, String transactionId, String code) {
        return client.postJson("mfa/api/verify", verifyBody(transactionId, "code", code));
    }

    /** Answers a pending sign-in with a recovery code through the JSON API. */
    public static HttpResponse<String> verifyWithRecoveryCode(Client client, String transactionId, String code) {
        return client.postJson("mfa/api/verify", verifyBody(transactionId, "recoveryCode", code));
    }

    /** The body of a verification: the transaction id and the proof under its field name. */
    public static JsonObject verifyBody(String transactionId, String field, String proof) {
        return Json.createObjectBuilder().add("transactionId", transactionId).add(field, proof).build();
    }

    /**
     * Asks for {@link #PROTECTED_PAGE}, checks that the application asks for the password, and posts it.
     *
     * @param client   the browser
     * @param form     the application's form
     * @param user     the user
     * @param password the password typed
     * @return the application's answer to the posted form
     */
    public static HttpResponse<String> postPassword(Client client, LoginForm form, String user, String password) {
        HttpResponse<String> page = client.get(PROTECTED_PAGE);
        if (form.page() == null && page.statusCode() == 302) {
            // the Servlet specification lets the container send its form login page in place of the protected page
            // or redirect to it: Open Liberty redirects for web.xml FORM
            page = client.followRedirect(page);
        } else if (form.page() != null) {
            assertEquals(302, page.statusCode(), page.body());
            assertTrue(location(page).endsWith(client.uri(form.page()).getPath()), location(page));
            page = client.get(form.page());
        }
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("login-page"), page.body());
        return client.postForm(form.action(), Map.of(form.userField(), user, form.passwordField(), password));
    }

    /**
     * Signs in with the password as a browser does: posts it, is sent back to the page it asked for and follows,
     * which is where the server completes its login.
     *
     * @param client   the browser
     * @param form     the application's form
     * @param user     the user
     * @param password the user's password
     * @return the client, signed in with the password
     */
    public static Client withForm(Client client, LoginForm form, String user, String password) {
        HttpResponse<String> posted = postPassword(client, form, user, password);
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).endsWith(client.uri(PROTECTED_PAGE).getPath()),
                "back to the page asked for: " + location(posted));
        client.followRedirect(posted);
        return client;
    }

    /** Signs in with the server's FORM login and the test password; see {@link #withForm}. */
    public static Client withForm(Client client, String user) {
        return withForm(client, LoginForm.J_SECURITY_CHECK, user, PASSWORD);
    }
}
