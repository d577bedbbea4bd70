package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The session's defences, on a FORM-realm application with policy {@code optional}, step-up on {@code /admin/*}
 * and three attempts per sign-in: session ids that change with the assurance level, transactions bound to their
 * session and to the latest sign-in, attempt limits, replay, logout, and strict input handling of the JSON API.
 * Expiry is proved without waiting in {@code SignInFlowTest}, with a clock the test moves.
 */
class SessionSecurityIT extends InContainerTest {

    private static final int MAX_ATTEMPTS = 3;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("sessionsec")
                .classes(RestApplication.class, HelloResource.class)
                .setting("tollgate.policy", "optional")
                .setting("tollgate.stepUpPaths", "/admin/*")
                .setting("tollgate.transaction.maxAttempts", String.valueOf(MAX_ATTEMPTS))
                .protect("admin", "/admin/*")
                .formRealmLogin()
                .build();
    }

    SessionSecurityIT() {
        super("sessionsec");
    }

    // ---- helpers

    /** Gives a user without factor a confirmed authenticator and signs out; returns its secret. */
    private String enrolled(String user) {
        return Enrol.newUser(new Client(base), user, "authenticated").secret();
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
        SignIn.withForm(alice, "alice");
        String aal1 = alice.sessionId().orElseThrow();
        assertNotEquals(anonymous, aal1, "anonymous -> aal1");
        assertEquals("user=alice staff=true admin=false aal=aal1", alice.get("secure/whoami").body());

        String secret = Enrol.authenticatorApp(alice).secret();
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
        SignIn.withForm(again, "alice");
        String challenged = again.sessionId().orElseThrow();
        assertNotEquals(anonymousAgain, challenged, "anonymous -> aal1 with a pending challenge");
        HttpResponse<String> held = again.get("secure/whoami", "application/json");
        assertError(held, 401, "mfa_required");
        String transactionId = json(held).getString("transactionId");
        assertEquals(200, SignIn.verify(again, transactionId, Codes.code(secret, 0)).statusCode());
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
        String transactionId = SignIn.withJson(grace, "grace").getString("transactionId");
        String challenged = grace.sessionId().orElseThrow();
        assertNotEquals(anonymous, challenged);
        assertEquals(200, SignIn.verify(grace, transactionId, Codes.code(secret, 0)).statusCode());
        assertNotEquals(challenged, grace.sessionId().orElseThrow());
        assertEquals("user=grace staff=true admin=false aal=aal2", grace.get("secure/whoami").body());
    }

    // ---- transactions

    @Test
    void acceptsATransactionIdOnlyInTheSessionThatCreatedIt() {
        String secret = enrolled("bob");
        Client victim = new Client(base);
        String transactionId = SignIn.withJson(victim, "bob").getString("transactionId");
        String code = Codes.code(secret, 0);

        Client signedInAttacker = new Client(base);
        SignIn.withJson(signedInAttacker, "trent");
        assertError(SignIn.verify(signedInAttacker, transactionId, code), 410, "transaction_expired");
        assertEquals("user=trent staff=true admin=false aal=aal1", signedInAttacker.get("secure/whoami").body(),
                "the attacker's session gained nothing");

        Client sessionless = new Client(base);
        assertError(SignIn.verify(sessionless, transactionId, code), 410, "transaction_expired");
        Client anonymousSession = new Client(base);
        anonymousSession.get("secure/whoami");
        assertError(SignIn.verify(anonymousSession, transactionId, code), 410, "transaction_expired");

        HttpResponse<String> own = SignIn.verify(victim, transactionId, code);
        assertEquals(200, own.statusCode(), "the victim's code was not consumed: " + own.body());
    }

    @Test
    void aSecondPasswordSignInInTheSameSessionEndsTheFirstTransaction() {
        String secret = enrolled("carol");
        Client carol = new Client(base);
        String first = SignIn.withJson(carol, "carol").getString("transactionId");
        String second = SignIn.withJson(carol, "carol").getString("transactionId");
        assertNotEquals(first, second);
        assertError(SignIn.verify(carol, first, Codes.code(secret, 0)), 410, "transaction_expired");

        Client browser = SignIn.withForm(new Client(base), "carol");
        String fromForm = json(browser.get("secure/whoami", "application/json")).getString("transactionId");
        String fromJson = SignIn.withJson(browser, "carol").getString("transactionId");
        assertNotEquals(fromForm, fromJson);
        assertError(SignIn.verify(browser, fromForm, Codes.code(secret, 0)), 410, "transaction_expired");
        assertEquals(200, SignIn.verify(browser, fromJson, Codes.code(secret, 0)).statusCode());
    }

    @Test
    void signsOutAfterTooManyWrongCodesAndRefusesTheRightCodeAfterwards() {
        String secret = enrolled("dave");
        Client dave = SignIn.withForm(new Client(base), "dave");
        String transactionId = json(dave.get("secure/whoami", "application/json")).getString("transactionId");
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            assertError(SignIn.verify(dave, transactionId, Codes.wrongCode(secret)), 401, "invalid_code");
        }
        HttpResponse<String> last = SignIn.verify(dave, transactionId, Codes.wrongCode(secret));
        assertError(last, 429, "too_many_attempts");
        assertFalse(json(last).getString("message").isBlank());

        assertSignedOut(dave.get("secure/whoami"));
        assertError(SignIn.verify(dave, transactionId, Codes.code(secret, 0)), 410, "transaction_expired");

        Client again = SignIn.withForm(new Client(base), "dave");
        String fresh = json(again.get("secure/whoami", "application/json")).getString("transactionId");
        assertEquals(200, SignIn.verify(again, fresh, Codes.code(secret, 0)).statusCode(),
                "the password starts a new sign-in, and the refused code was never used");
    }

    @Test
    void refusesAReplayedCodeAlsoInAnotherSessionOfTheSameUser() {
        String secret = enrolled("erin");
        String code = Codes.code(secret, 0);
        Client first = new Client(base);
        String firstId = SignIn.withJson(first, "erin").getString("transactionId");
        Client second = new Client(base);
        String secondId = SignIn.withJson(second, "erin").getString("transactionId");

        assertEquals(200, SignIn.verify(first, firstId, code).statusCode());
        assertError(SignIn.verify(second, secondId, code), 401, "invalid_code");
        assertError(SignIn.verify(second, secondId, Codes.code(secret, -1)), 401, "invalid_code");
        assertEquals(200, SignIn.verify(second, secondId, Codes.code(secret, 1)).statusCode(), "a later code works");
    }

    // ---- logout

    @Test
    void logoutInvalidatesTheSession() {
        Client frank = SignIn.withForm(new Client(base), "frank");
        Enrol.authenticatorApp(frank);
        assertEquals("user=frank staff=true admin=true aal=aal2", frank.get("admin/panel").body());
        String cookie = frank.sessionId().orElseThrow();

        assertEquals(204, frank.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());
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

        static Case json(String name, String path, JsonValue body, int status, String error) {
            return text(name, path, body.toString(), status, error);
        }

        /** A body sent as JSON that is not JSON, or not the JSON that JSON-P writes. */
        static Case text(String name, String path, String body, int status, String error) {
            return new Case(name, path, "application/json", body.getBytes(StandardCharsets.UTF_8), false, status,
                    error);
        }
    }

    private HttpResponse<String> send(Client client, Case c) {
        // sent as a same-origin script would (the browser adds Sec-Fetch-Site), so that what is checked is the body
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(c.path()))
                .header("Accept", "application/json").header("Sec-Fetch-Site", "same-origin")
                .POST(c.chunked()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        return client.send(request);
    }

    private static List<Case> bodyCases(String path, JsonObject validBody) {
        String big = Json.createObjectBuilder().add("pad", "x".repeat(9 * 1024)).build().toString();
        byte[] validBytes = validBody.toString().getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Case("text/plain", path, "text/plain", validBytes, false, 415, "unsupported_media_type"),
                new Case("form encoded", path, "application/x-www-form-urlencoded", "code=123456"
                        .getBytes(StandardCharsets.UTF_8), false, 415, "unsupported_media_type"),
                new Case("no content type", path, null, validBytes, false, 415, "unsupported_media_type"),
                new Case("json-like type", path, "application/jsonp", validBytes, false, 415,
                        "unsupported_media_type"),
                Case.text("malformed json", path, "{\"code\":", 400, "invalid_request"),
                Case.text("trailing garbage", path, validBody.toString() + "x", 400, "invalid_request"),
                Case.text("empty body", path, "", 400, "invalid_request"),
                Case.json("array", path, JsonValue.EMPTY_JSON_ARRAY, 400, "invalid_request"),
                Case.json("null", path, JsonValue.NULL, 400, "invalid_request"),
                Case.json("string", path, Json.createValue("code"), 400, "invalid_request"),
                Case.text("deep nesting", path, "[".repeat(4000) + "]".repeat(4000), 400, "invalid_request"),
                new Case("invalid utf-8", path, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28,
                        '"', ':', '1', '}'}, false, 400, "invalid_request"),
                Case.text("oversized", path, big, 413, "payload_too_large"),
                new Case("oversized chunked", path, "application/json", big.getBytes(StandardCharsets.UTF_8), true,
                        413, "payload_too_large"),
                Case.json("empty object", path, JsonValue.EMPTY_JSON_OBJECT, 400, "invalid_request"));
    }

    private static JsonObject verifyBody(String transactionId, String code) {
        return SignIn.verifyBody(transactionId, "code", code);
    }

    /** A verification body of the transaction with the code of another JSON type. */
    private static JsonObject verifyBody(String transactionId, JsonValue code) {
        return body().add("transactionId", transactionId).add("code", code).build();
    }

    private static JsonObjectBuilder body() {
        return Json.createObjectBuilder();
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
        String id = SignIn.withJson(mallory, "mallory").getString("transactionId");
        String path = "mfa/api/verify";
        List<Case> cases = new ArrayList<>(bodyCases(path, verifyBody(id, "123456")));
        cases.addAll(List.of(
                Case.json("missing code", path, body().add("transactionId", id).build(), 400, "invalid_request"),
                Case.json("null code", path, verifyBody(id, JsonValue.NULL), 400,
                        "invalid_request"),
                Case.json("empty code", path, verifyBody(id, ""), 400, "invalid_request"),
                Case.json("blank code", path, verifyBody(id, "   "), 400, "invalid_request"),
                Case.json("numeric code", path, verifyBody(id, Json.createValue(123456)), 400,
                        "invalid_request"),
                Case.json("boolean code", path, verifyBody(id, JsonValue.TRUE), 400,
                        "invalid_request"),
                Case.json("array code", path, verifyBody(id, Json.createArrayBuilder().add("123456").build()), 400,
                        "invalid_request"),
                Case.json("object code", path, verifyBody(id, JsonValue.EMPTY_JSON_OBJECT), 400,
                        "invalid_request"),
                Case.json("letters", path, verifyBody(id, "12345a"), 400, "invalid_request"),
                Case.json("arabic-indic digits", path, verifyBody(id, "١٢٣٤٥٦"), 400, "invalid_request"),
                Case.json("fullwidth digits", path, verifyBody(id, "１２３４５６"), 400, "invalid_request"),
                Case.json("too short", path, verifyBody(id, "12345"), 400, "invalid_request"),
                Case.json("too long", path, verifyBody(id, "1234567"), 400, "invalid_request"),
                Case.json("far too long", path, verifyBody(id, "1".repeat(5000)), 400, "invalid_request"),
                Case.json("two spaces", path, verifyBody(id, "12 34 56"), 400, "invalid_request"),
                Case.json("nul character", path, verifyBody(id, "123\u0000456"), 400, "invalid_request"),
                Case.json("missing transaction", path, body().add("code", "123456").build(), 400, "invalid_request"),
                Case.json("null transaction", path, body().addNull("transactionId").add("code", "123456").build(), 400,
                        "invalid_request"),
                Case.json("numeric transaction", path, body().add("transactionId", 42).add("code", "123456").build(),
                        400, "invalid_request"),
                Case.json("unknown transaction", path, verifyBody("x" + id, "123456"), 410, "transaction_expired")));
        assertAnswers(mallory, cases);

        assertEquals(200, SignIn.verify(mallory, id, Codes.code(secret, 0)).statusCode(),
                "none of the malformed requests used up one of the " + MAX_ATTEMPTS + " attempts");
    }

    @Test
    void answersMalformedLoginRequestsWithA4xxJsonError() {
        Client client = new Client(base);
        String path = "mfa/api/login";
        List<Case> cases = new ArrayList<>(bodyCases(path, SignIn.credentials("nobody")));
        cases.addAll(List.of(
                Case.json("missing password", path, body().add("username", "alice").build(), 400, "invalid_request"),
                Case.json("null username", path, body().addNull("username").add("password", "p").build(), 400,
                        "invalid_request"),
                Case.json("empty password", path, SignIn.credentials("alice", ""), 400, "invalid_request"),
                Case.json("numeric username", path, body().add("username", 7).add("password", "p").build(), 400,
                        "invalid_request"),
                Case.json("array password", path, body().add("username", "alice")
                        .add("password", Json.createArrayBuilder().add("p")).build(), 400, "invalid_request"),
                Case.json("long username", path, SignIn.credentials("a".repeat(300), "p"), 400, "invalid_request"),
                Case.json("nul in username", path, SignIn.credentials("alice\u0000", "p"), 401,
                        "invalid_credentials"),
                Case.json("unicode username", path, SignIn.credentials("ａｌｉｃｅ"), 401, "invalid_credentials"),
                Case.json("wrong password", path, SignIn.credentials("alice", "wrong"), 401,
                        "invalid_credentials")));
        assertAnswers(client, cases);
    }
}
