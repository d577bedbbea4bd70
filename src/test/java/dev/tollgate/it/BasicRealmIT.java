package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.MeResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.it.support.SecurityKeys;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kind (a2): an API-only application with {@code web.xml} BASIC login against the server's file realm, policy
 * {@code optional}, step-up on {@code /admin/*}. The container signs the caller in from the {@code Authorization}
 * header on every request; the second factor lives in Tollgate's session, so an API client keeps the session cookie
 * once it has verified a code.
 */
@Tag("portable")
class BasicRealmIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("basicrealm")
                .classes(RestApplication.class, HelloResource.class, MeResource.class)
                .setting("tollgate.policy", "optional")
                .setting("tollgate.stepUpPaths", "/admin/*")
                .setting("tollgate.issuer", "Basic API")
                .protect("staff", "/api/me")
                .protect("admin", "/admin/*")
                .basicRealmLogin()
                .build();
    }

    BasicRealmIT() {
        super("basicrealm");
    }

    private Client api(String user) {
        return new Client(base).basic(user, SignIn.PASSWORD);
    }

    /** Enrols in the client's session, which must hold the user's Tollgate state; returns the secret. */
    private static String enrolIn(Client client) {
        return Enrol.authenticatorApp(client, "cli").secret();
    }

    /** Gives a user without factor an authenticator, in a session of its own that it then ends; returns the secret. */
    private String enrolled(String user) {
        return Enrol.newUser(new Client(base), user, "authenticated").secret();
    }

    private static JsonObject verify(Client client, String transactionId, String code, int status) {
        HttpResponse<String> verified = SignIn.verify(client, transactionId, code);
        assertEquals(status, verified.statusCode(), verified.body());
        return json(verified);
    }

    private static void assertMfaRequired(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("mfa_required", json(response).getString("error"), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty()
                || !response.body().isEmpty(), "a JSON body, not the container's challenge");
    }

    private static boolean setsCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID="));
    }

    /**
     * The decision for a client that keeps no cookies: its password signs it in on every request, at aal1 while
     * that is enough, and Tollgate keeps no session for it.
     */
    @Test
    void letsAUserWithoutFactorInAtAal1WithTheBasicHeaderAloneAndKeepsNoSession() {
        Client alice = api("alice");
        for (int request = 0; request < 2; request++) {
            HttpResponse<String> page = alice.get("secure/whoami");
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("user=alice staff=true admin=false aal=aal1", page.body());
            assertFalse(setsCookie(page), "a stateless client at aal1 leaves no session behind: " + page.headers());
        }
        HttpResponse<String> me = alice.get("api/me");
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("{\"user\":\"alice\",\"staff\":true,\"admin\":false,\"aal\":\"aal1\"}", me.body());
        assertFalse(setsCookie(me));
        // Payara checks the header on a path without constraint only in some states (403 when this test runs
        // alone, 200 after other tests' sign-ins): Tollgate must neither hold the request nor open a session
        HttpResponse<String> hello = alice.get("api/hello");
        assertTrue(hello.statusCode() == 403 || hello.body().equals("{\"hello\":\"alice\"}"), hello.body());
        assertFalse(setsCookie(hello));
        assertTrue(alice.sessionId().isEmpty());
    }

    @Test
    void answersAStepUpPathAtAal1WithMfaRequiredJsonAndLetsTheClientEnrolInThatSession() {
        Client frank = api("frank");
        HttpResponse<String> held = frank.get("admin/panel");
        assertMfaRequired(held);
        assertEquals("enrollment_required", json(held).getString("status"));
        assertTrue(json(held).getString("transactionId").length() >= 22);
        assertTrue(setsCookie(held), "the pending sign-in lives in a session");
        assertEquals("user=frank staff=true admin=true aal=aal1", frank.get("secure/whoami").body(),
                "paths without step-up still work at aal1");

        enrolIn(frank);
        HttpResponse<String> panel = frank.get("admin/panel");
        assertEquals(200, panel.statusCode(), panel.body());
        assertEquals("user=frank staff=true admin=true aal=aal2", panel.body());

        HttpResponse<String> elsewhere = api("frank").get("admin/panel");
        assertMfaRequired(elsewhere);
        assertEquals("mfa_required", json(elsewhere).getString("status"), "now a challenge, not an enrolment");
    }

    @Test
    void afterEnrolmentRequiresTheSecondFactorFromAClientWithoutTheSessionCookie() {
        Client bob = api("bob");
        assertEquals("user=bob staff=true admin=false aal=aal1", bob.get("secure/whoami").body());
        assertEquals("authenticated", SignIn.withJson(bob, "bob").getString("status"));
        String secret = enrolIn(bob);
        assertEquals("user=bob staff=true admin=false aal=aal2", bob.get("secure/whoami").body());
        assertEquals("{\"hello\":\"bob\"}", bob.get("api/hello").body());

        Client stateless = api("bob");
        HttpResponse<String> held = stateless.get("secure/whoami");
        assertMfaRequired(held);
        assertEquals("mfa_required", json(held).getString("status"));
        assertTrue(setsCookie(held), "the pending sign-in lives in a session");
        HttpResponse<String> again = stateless.get("api/me");
        assertMfaRequired(again);
        assertEquals(json(held).getString("transactionId"), json(again).getString("transactionId"),
                "one pending sign-in per session");

        verify(stateless, json(held).getString("transactionId"), Codes.code(secret, 0), 200);
        assertEquals("user=bob staff=true admin=false aal=aal2", stateless.get("secure/whoami").body());
        assertEquals("{\"user\":\"bob\",\"staff\":true,\"admin\":false,\"aal\":\"aal2\"}",
                stateless.get("api/me").body());

        stateless.dropCookies();
        assertMfaRequired(stateless.get("secure/whoami"));
        assertMfaRequired(stateless.get("api/me"));
    }

    @Test
    void holdsACodeProtectedResourceUntilTheSecondFactor() {
        String secret = enrolled("oscar");
        Client oscar = new Client(base);
        String transactionId = SignIn.transaction(oscar, "oscar");
        oscar.basic("oscar", SignIn.PASSWORD);
        assertMfaRequired(oscar.get("api/hello"));
        verify(oscar, transactionId, Codes.code(secret, 0), 200);
        assertEquals("{\"hello\":\"oscar\"}", oscar.get("api/hello").body());
    }

    @Test
    void signsInWithJsonLoginAndVerifyThenServesTheSessionWithCallerAndRoles() {
        String secret = enrolled("carol");
        Client client = new Client(base);
        JsonObject login = SignIn.withJson(client, "carol");
        assertEquals("mfa_required", login.getString("status"));
        client.basic("carol", SignIn.PASSWORD);
        assertMfaRequired(client.get("secure/whoami"));
        String before = client.sessionId().orElseThrow();

        JsonObject verified = verify(client, login.getString("transactionId"), Codes.code(secret, 0), 200);
        assertEquals("carol", verified.getString("user"));
        assertNotEquals(before, client.sessionId().orElseThrow(), "the session id changes with the level");
        assertEquals("user=carol staff=true admin=false aal=aal2", client.get("secure/whoami").body());
        assertEquals("{\"user\":\"carol\",\"staff\":true,\"admin\":false,\"aal\":\"aal2\"}",
                client.get("api/me").body());
        assertEquals("{\"hello\":\"carol\"}", client.get("api/hello").body());
        assertEquals(403, client.get("admin/panel").statusCode(), "aal2 does not make carol an admin");
    }

    /**
     * Another user's {@code Authorization} header on a session that reached aal2 through a challenge that a Basic
     * request opened, and was used with the cookie alone since: the request is either the header's user, from the
     * start (Payara checks the header while the session holds no login of the container's own), or the session's
     * user at that user's level (Open Liberty keeps the first Basic login in its {@code LtpaToken2} cookie and ignores
     * a later header, as every server does for a session with the container's login, see the next test). Which of the
     * two the Servlet specification leaves to the server; never the header's user at the session's aal2.
     */
    @Test
    void anotherUsersBasicHeaderOnAnAal2SessionStartsThatUserAgain() {
        String davesSecret = enrolled("dave");
        String gracesSecret = enrolled("grace");

        Client shared = aal2WithoutContainerLogin("dave", davesSecret, 0);
        String davesSession = shared.sessionId().orElseThrow();
        shared.basic("erin", SignIn.PASSWORD);
        String erin = shared.get("secure/whoami").body();
        if (!erin.startsWith("user=erin ")) {
            assertEquals("user=dave staff=true admin=false aal=aal2", erin, "the session's caller, or erin at aal1");
            return;
        }
        assertEquals("user=erin staff=true admin=false aal=aal1", erin, "erin starts at aal1");
        assertNotEquals(davesSession, shared.sessionId().orElseThrow(), "a new caller gets a new session id");

        Client another = aal2WithoutContainerLogin("dave", davesSecret, 1);
        another.basic("grace", SignIn.PASSWORD);
        HttpResponse<String> graceHeld = another.get("api/me");
        assertMfaRequired(graceHeld);
        another.basic(null, null);
        JsonObject factors = json(another.get("mfa/api/factors"));
        assertEquals("grace", factors.getString("user"));
        assertEquals("aal1", factors.getString("aal"));
        verify(another, json(graceHeld).getString("transactionId"), Codes.code(gracesSecret, 0), 200);
        another.basic("grace", SignIn.PASSWORD);
        assertEquals("{\"user\":\"grace\",\"staff\":true,\"admin\":false,\"aal\":\"aal2\"}",
                another.get("api/me").body(), "with her own code");
    }

    /** A session at aal2 for the user, reached with the cookie alone after a Basic request opened the challenge. */
    private Client aal2WithoutContainerLogin(String user, String secret, int step) {
        Client client = api(user);
        HttpResponse<String> held = client.get("secure/whoami");
        assertMfaRequired(held);
        client.basic(null, null);
        verify(client, json(held).getString("transactionId"), Codes.code(secret, step), 200);
        JsonObject factors = json(client.get("mfa/api/factors"));
        assertEquals(user, factors.getString("user"));
        assertEquals("aal2", factors.getString("aal"));
        return client;
    }

    /**
     * Where the session holds the container's login (after Tollgate's JSON login, or a Basic request that arrived
     * with the session cookie), Payara serves the session's caller and ignores a different Basic header, even with a
     * wrong password: the request is the session user's, at that user's level, never the header's user at aal2.
     */
    @Test
    void aSessionWithTheContainersLoginKeepsItsCallerWhateverTheHeaderSays() {
        String secret = enrolled("mallory");
        Client client = new Client(base);
        verify(client, SignIn.transaction(client, "mallory"), Codes.code(secret, 0), 200);
        client.basic("alice", SignIn.PASSWORD);
        assertEquals("user=mallory staff=true admin=false aal=aal2", client.get("secure/whoami").body());
        client.basic("alice", "wrong password");
        assertEquals("user=mallory staff=true admin=false aal=aal2", client.get("secure/whoami").body());
    }

    /**
     * Security keys work in this server: the WebAuthn library (shaded with its Jackson) verifies a registration and an
     * assertion, whatever Jackson the server shows the application; a server that broke it would answer 503
     * {@code security_keys_unavailable} here.
     */
    @Test
    void registersASecurityKeyAndSignsInWithIt() {
        Client first = new Client(base);
        SignIn.withJson(first, "peggy");
        SoftwareAuthenticator key = SecurityKeys.register(first);
        assertEquals(204, first.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());

        Client later = new Client(base);
        JsonObject login = SignIn.withJson(later, "peggy");
        assertEquals("mfa_required", login.getString("status"), login.toString());
        assertEquals("webauthn", login.getJsonArray("factors").getJsonObject(0).getString("type"), login.toString());
        HttpResponse<String> verified = SecurityKeys.verify(later, login.getString("transactionId"), key);
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("aal2", json(verified).getString("aal"));
        assertEquals("user=peggy staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }
}
