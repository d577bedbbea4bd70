package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.apps.Whoami;
import dev.tollgate.it.apps.WhoamiServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The session's defences, on a FORM-realm application with policy {@code optional}, step-up on {@code /admin/*}
 * and three attempts per sign-in: session ids that change with the assurance level, transactions bound to their
 * session and to the latest sign-in, attempt limits, replay, logout, and strict input handling of the JSON API.
 * Expiry is proved without waiting in {@code SignInFlowTest}, with a clock the test moves.
 */
@ExtendWith(ArquillianExtension.class)
class SessionSecurityIT {

    private static final int MAX_ATTEMPTS = 3;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withTollgate("sessionsec")
                .addClasses(Whoami.class, WhoamiServlet.class, RestApplication.class, HelloResource.class)
                .merge(Deployments.formLoginPages())
                .setWebXML(new StringAsset(Deployments.webXml(Map.of(
                        "tollgate.policy", "optional",
                        "tollgate.stepUpPaths", "/admin/*",
                        "tollgate.transaction.maxAttempts", String.valueOf(MAX_ATTEMPTS)), """
                          <security-constraint>
                            <web-resource-collection><web-resource-name>secure</web-resource-name>
                              <url-pattern>/secure/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>staff</role-name></auth-constraint>
                          </security-constraint>
                          <security-constraint>
                            <web-resource-collection><web-resource-name>admin</web-resource-name>
                              <url-pattern>/admin/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>admin</role-name></auth-constraint>
                          </security-constraint>
                          """ + Deployments.FORM_REALM_LOGIN + """
                        """)));
    }

    @ArquillianResource
    private URL base;

    @BeforeEach
    void deployed() {
        assertTrue(base.getPath().endsWith("/sessionsec/"), "the deployment failed: see the server log " + base);
    }

    // ---- helpers

    private static String credentials(String user) {
        return Json.createObjectBuilder().add("username", user).add("password", Deployments.PASSWORD).build()
                .toString();
    }

    /** Signs in through the JSON API; returns the response body. */
    private static JsonObject jsonLogin(Client client, String user) {
        HttpResponse<String> login = client.postJson("mfa/api/login", credentials(user));
        assertEquals(200, login.statusCode(), login.body());
        return json(login);
    }

    private static HttpResponse<String> verify(Client client, String transactionId, String code) {
        return client.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", transactionId).add("code", code).build());
    }

    /** Gives a user without factor a confirmed authenticator and signs out; returns its secret. */
    private String enrolled(String user) {
        Client client = new Client(base);
        assertEquals("authenticated", jsonLogin(client, user).getString("status"));
        HttpResponse<String> created = client.postJson("mfa/api/factors/totp", "{}");
        assertEquals(201, created.statusCode(), created.body());
        String secret = json(created).getString("secret");
        HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + json(created).getString("factorId")
                + "/verify", Json.createObjectBuilder().add("code", Codes.code(secret, -1)).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals(204, client.postJson("mfa/api/logout", "{}").statusCode());
        return secret;
    }

    /** The FORM sign-in of a browser: the protected page, the login form, the redirect back. */
    private Client formSignIn(Client client, String user) {
        assertTrue(client.get("secure/whoami").body().contains("login-page"));
        HttpResponse<String> posted = client.postForm("j_security_check",
                Map.of("j_username", user, "j_password", Deployments.PASSWORD));
        assertEquals(302, posted.statusCode(), posted.body());
        client.get(java.net.URI.create(location(posted)).getPath().substring(base.getPath().length()));
        return client;
    }

    private static void assertSignedOut(HttpResponse<String> page) {
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("login-page"), "the password is asked again: " + page.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, json(response).getString("error"), response.body());
    }

    // ---- session ids

    @Test
    void changesTheSessionIdAtEachChangeOfAssuranceLevel() {
        Client alice = new Client(base);
        alice.get("secure/whoami");
        String anonymous = alice.sessionId().orElseThrow();
        formSignIn(alice, "alice");
        String aal1 = alice.sessionId().orElseThrow();
        assertNotEquals(anonymous, aal1, "anonymous -> aal1");
        assertEquals("user=alice staff=true admin=false aal=aal1", alice.get("secure/whoami").body());

        HttpResponse<String> created = alice.postJson("mfa/api/factors/totp", "{}");
        String secret = json(created).getString("secret");
        HttpResponse<String> confirmed = alice.postJson("mfa/api/factors/" + json(created).getString("factorId")
                + "/verify", Json.createObjectBuilder().add("code", Codes.code(secret, -1)).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        String aal2 = alice.sessionId().orElseThrow();
        assertNotEquals(aal1, aal2, "aal1 -> aal2 by enrolment");
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("secure/whoami").body());

        Client fixed = new Client(base);
        fixed.useSessionId(aal1);
        assertSignedOut(fixed.get("secure/whoami"));

        // and on the next sign-in, which now asks for the code
        Client again = new Client(base);
        again.get("secure/whoami");
        String anonymousAgain = again.sessionId().orElseThrow();
        formSignIn(again, "alice");
        String challenged = again.sessionId().orElseThrow();
        assertNotEquals(anonymousAgain, challenged, "anonymous -> aal1 with a pending challenge");
        HttpResponse<String> held = again.get("secure/whoami", "application/json");
        assertError(held, 401, "mfa_required");
        assertEquals(200, verify(again, json(held).getString("transactionId"), Codes.code(secret, 0)).statusCode());
        String verified = again.sessionId().orElseThrow();
        assertNotEquals(challenged, verified, "aal1 -> aal2 by a code");

        Client planted = new Client(base);
        planted.useSessionId(challenged);
        assertSignedOut(planted.get("secure/whoami"));
        planted.useSessionId(anonymousAgain);
        assertSignedOut(planted.get("secure/whoami"));
    }

    @Test
    void changesTheSessionIdOnJsonLoginAndVerify() {
        String secret = enrolled("grace");
        Client grace = new Client(base);
        grace.get("public/info");
        grace.get("secure/whoami");
        String anonymous = grace.sessionId().orElseThrow();
        String transactionId = jsonLogin(grace, "grace").getString("transactionId");
        String challenged = grace.sessionId().orElseThrow();
        assertNotEquals(anonymous, challenged);
        assertEquals(200, verify(grace, transactionId, Codes.code(secret, 0)).statusCode());
        assertNotEquals(challenged, grace.sessionId().orElseThrow());
        assertEquals("user=grace staff=true admin=false aal=aal2", grace.get("secure/whoami").body());
    }

    // ---- transactions

    @Test
    void acceptsATransactionIdOnlyInTheSessionThatCreatedIt() {
        String secret = enrolled("bob");
        Client victim = new Client(base);
        String transactionId = jsonLogin(victim, "bob").getString("transactionId");
        String code = Codes.code(secret, 0);

        Client signedInAttacker = new Client(base);
        jsonLogin(signedInAttacker, "trent");
        assertError(verify(signedInAttacker, transactionId, code), 410, "transaction_expired");
        assertEquals("user=trent staff=true admin=false aal=aal1", signedInAttacker.get("secure/whoami").body(),
                "the attacker's session gained nothing");

        Client sessionless = new Client(base);
        assertError(verify(sessionless, transactionId, code), 410, "transaction_expired");
        Client anonymousSession = new Client(base);
        anonymousSession.get("secure/whoami");
        assertError(verify(anonymousSession, transactionId, code), 410, "transaction_expired");

        HttpResponse<String> own = verify(victim, transactionId, code);
        assertEquals(200, own.statusCode(), "the victim's code was not consumed: " + own.body());
    }

    @Test
    void aSecondPasswordSignInInTheSameSessionEndsTheFirstTransaction() {
        String secret = enrolled("carol");
        Client carol = new Client(base);
        String first = jsonLogin(carol, "carol").getString("transactionId");
        String second = jsonLogin(carol, "carol").getString("transactionId");
        assertNotEquals(first, second);
        assertError(verify(carol, first, Codes.code(secret, 0)), 410, "transaction_expired");

        Client browser = formSignIn(new Client(base), "carol");
        String fromForm = json(browser.get("secure/whoami", "application/json")).getString("transactionId");
        String fromJson = jsonLogin(browser, "carol").getString("transactionId");
        assertNotEquals(fromForm, fromJson);
        assertError(verify(browser, fromForm, Codes.code(secret, 0)), 410, "transaction_expired");
        assertEquals(200, verify(browser, fromJson, Codes.code(secret, 0)).statusCode());
    }

    @Test
    void signsOutAfterTooManyWrongCodesAndRefusesTheRightCodeAfterwards() {
        String secret = enrolled("dave");
        Client dave = formSignIn(new Client(base), "dave");
        String transactionId = json(dave.get("secure/whoami", "application/json")).getString("transactionId");
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            assertError(verify(dave, transactionId, Codes.wrongCode(secret)), 401, "invalid_code");
        }
        HttpResponse<String> last = verify(dave, transactionId, Codes.wrongCode(secret));
        assertError(last, 429, "too_many_attempts");
        assertFalse(json(last).getString("message").isBlank());

        assertSignedOut(dave.get("secure/whoami"));
        assertError(verify(dave, transactionId, Codes.code(secret, 0)), 410, "transaction_expired");

        Client again = formSignIn(new Client(base), "dave");
        String fresh = json(again.get("secure/whoami", "application/json")).getString("transactionId");
        assertEquals(200, verify(again, fresh, Codes.code(secret, 0)).statusCode(),
                "the password starts a new sign-in, and the refused code was never used");
    }

    @Test
    void refusesAReplayedCodeAlsoInAnotherSessionOfTheSameUser() {
        String secret = enrolled("erin");
        String code = Codes.code(secret, 0);
        Client first = new Client(base);
        String firstId = jsonLogin(first, "erin").getString("transactionId");
        Client second = new Client(base);
        String secondId = jsonLogin(second, "erin").getString("transactionId");

        assertEquals(200, verify(first, firstId, code).statusCode());
        assertError(verify(second, secondId, code), 401, "invalid_code");
        assertError(verify(second, secondId, Codes.code(secret, -1)), 401, "invalid_code");
        assertEquals(200, verify(second, secondId, Codes.code(secret, 1)).statusCode(), "a later code works");
    }

    // ---- logout

    @Test
    void logoutInvalidatesTheSession() {
        Client frank = formSignIn(new Client(base), "frank");
        HttpResponse<String> created = frank.postJson("mfa/api/factors/totp", "{}");
        String secret = json(created).getString("secret");
        frank.postJson("mfa/api/factors/" + json(created).getString("factorId") + "/verify",
                Json.createObjectBuilder().add("code", Codes.code(secret, -1)).build());
        assertEquals("user=frank staff=true admin=true aal=aal2", frank.get("admin/panel").body());
        String cookie = frank.sessionId().orElseThrow();

        assertEquals(204, frank.postJson("mfa/api/logout", "{}").statusCode());
        Client copied = new Client(base);
        copied.useSessionId(cookie);
        assertSignedOut(copied.get("secure/whoami"));
        assertSignedOut(copied.get("admin/panel"));
        assertError(copied.get("mfa/api/factors"), 401, "not_authenticated");
        assertSignedOut(frank.get("secure/whoami"));
    }

    // ---- malformed input

    /** One malformed request and the answer it must get. */
    private record Case(String name, String path, String contentType, byte[] body, boolean chunked, int status,
            String error) {

        static Case json(String name, String path, String body, int status, String error) {
            return new Case(name, path, "application/json", body.getBytes(StandardCharsets.UTF_8), false, status,
                    error);
        }
    }

    private HttpResponse<String> send(Client client, Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(c.path()))
                .header("Accept", "application/json")
                .POST(c.chunked()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        return client.send(request);
    }

    private static List<Case> bodyCases(String path, String validBody) {
        String big = "{\"pad\":\"" + "x".repeat(9 * 1024) + "\"}";
        byte[] validBytes = validBody.getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Case("text/plain", path, "text/plain", validBytes, false, 415, "unsupported_media_type"),
                new Case("form encoded", path, "application/x-www-form-urlencoded", "code=123456"
                        .getBytes(StandardCharsets.UTF_8), false, 415, "unsupported_media_type"),
                new Case("no content type", path, null, validBytes, false, 415, "unsupported_media_type"),
                new Case("json-like type", path, "application/jsonp", validBytes, false, 415,
                        "unsupported_media_type"),
                Case.json("malformed json", path, "{\"code\":", 400, "invalid_request"),
                Case.json("trailing garbage", path, validBody + "x", 400, "invalid_request"),
                Case.json("empty body", path, "", 400, "invalid_request"),
                Case.json("array", path, "[]", 400, "invalid_request"),
                Case.json("null", path, "null", 400, "invalid_request"),
                Case.json("string", path, "\"code\"", 400, "invalid_request"),
                Case.json("deep nesting", path, "[".repeat(4000) + "]".repeat(4000), 400, "invalid_request"),
                new Case("invalid utf-8", path, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28,
                        '"', ':', '1', '}'}, false, 400, "invalid_request"),
                Case.json("oversized", path, big, 413, "payload_too_large"),
                new Case("oversized chunked", path, "application/json", big.getBytes(StandardCharsets.UTF_8), true,
                        413, "payload_too_large"),
                Case.json("empty object", path, "{}", 400, "invalid_request"));
    }

    private static String verifyBody(String transactionId, String code) {
        return Json.createObjectBuilder().add("transactionId", transactionId).add("code", code).build().toString();
    }

    private void assertAnswers(Client client, List<Case> cases) {
        List<Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = send(client, c);
            checks.add(() -> {
                String what = c.path() + " " + c.name() + ": " + response.statusCode() + " " + response.body();
                assertEquals(c.status(), response.statusCode(), what);
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        what);
                JsonObject body = json(response);
                assertEquals(c.error(), body.getString("error"), what);
                assertFalse(body.getString("message").isBlank(), what);
                assertFalse(response.body().contains("Exception") || response.body().contains("at dev."), what);
            });
        }
        assertAll(checks);
    }

    @Test
    void answersMalformedVerifyRequestsWithA4xxJsonErrorAndCountsNoAttempt() {
        String secret = enrolled("mallory");
        Client mallory = new Client(base);
        String id = jsonLogin(mallory, "mallory").getString("transactionId");
        String path = "mfa/api/verify";
        List<Case> cases = new ArrayList<>(bodyCases(path, verifyBody(id, "123456")));
        cases.addAll(List.of(
                Case.json("missing code", path, "{\"transactionId\":\"" + id + "\"}", 400, "invalid_request"),
                Case.json("null code", path, "{\"transactionId\":\"" + id + "\",\"code\":null}", 400,
                        "invalid_request"),
                Case.json("empty code", path, verifyBody(id, ""), 400, "invalid_request"),
                Case.json("blank code", path, verifyBody(id, "   "), 400, "invalid_request"),
                Case.json("numeric code", path, "{\"transactionId\":\"" + id + "\",\"code\":123456}", 400,
                        "invalid_request"),
                Case.json("boolean code", path, "{\"transactionId\":\"" + id + "\",\"code\":true}", 400,
                        "invalid_request"),
                Case.json("array code", path, "{\"transactionId\":\"" + id + "\",\"code\":[\"123456\"]}", 400,
                        "invalid_request"),
                Case.json("object code", path, "{\"transactionId\":\"" + id + "\",\"code\":{}}", 400,
                        "invalid_request"),
                Case.json("letters", path, verifyBody(id, "12345a"), 400, "invalid_request"),
                Case.json("arabic-indic digits", path, verifyBody(id, "١٢٣٤٥٦"), 400, "invalid_request"),
                Case.json("fullwidth digits", path, verifyBody(id, "１２３４５６"), 400, "invalid_request"),
                Case.json("too short", path, verifyBody(id, "12345"), 400, "invalid_request"),
                Case.json("too long", path, verifyBody(id, "1234567"), 400, "invalid_request"),
                Case.json("far too long", path, verifyBody(id, "1".repeat(5000)), 400, "invalid_request"),
                Case.json("two spaces", path, verifyBody(id, "12 34 56"), 400, "invalid_request"),
                Case.json("nul character", path, verifyBody(id, "123\u0000456"), 400, "invalid_request"),
                Case.json("missing transaction", path, "{\"code\":\"123456\"}", 400, "invalid_request"),
                Case.json("null transaction", path, "{\"transactionId\":null,\"code\":\"123456\"}", 400,
                        "invalid_request"),
                Case.json("numeric transaction", path, "{\"transactionId\":42,\"code\":\"123456\"}", 400,
                        "invalid_request"),
                Case.json("unknown transaction", path, verifyBody("x" + id, "123456"), 410, "transaction_expired")));
        assertAnswers(mallory, cases);

        assertEquals(200, verify(mallory, id, Codes.code(secret, 0)).statusCode(),
                "none of the malformed requests used up one of the " + MAX_ATTEMPTS + " attempts");
    }

    @Test
    void answersMalformedLoginRequestsWithA4xxJsonError() {
        Client client = new Client(base);
        String path = "mfa/api/login";
        List<Case> cases = new ArrayList<>(bodyCases(path, credentials("nobody")));
        cases.addAll(List.of(
                Case.json("missing password", path, "{\"username\":\"alice\"}", 400, "invalid_request"),
                Case.json("null username", path, "{\"username\":null,\"password\":\"p\"}", 400, "invalid_request"),
                Case.json("empty password", path, "{\"username\":\"alice\",\"password\":\"\"}", 400,
                        "invalid_request"),
                Case.json("numeric username", path, "{\"username\":7,\"password\":\"p\"}", 400, "invalid_request"),
                Case.json("array password", path, "{\"username\":\"alice\",\"password\":[\"p\"]}", 400,
                        "invalid_request"),
                Case.json("long username", path, "{\"username\":\"" + "a".repeat(300) + "\",\"password\":\"p\"}",
                        400, "invalid_request"),
                Case.json("nul in username", path, "{\"username\":\"alice\\u0000\",\"password\":\"p\"}", 401,
                        "invalid_credentials"),
                Case.json("unicode username", path, "{\"username\":\"ａｌｉｃｅ\",\"password\":\""
                        + Deployments.PASSWORD + "\"}", 401, "invalid_credentials"),
                Case.json("wrong password", path, "{\"username\":\"alice\",\"password\":\"wrong\"}", 401,
                        "invalid_credentials")));
        assertAnswers(client, cases);
    }
}
