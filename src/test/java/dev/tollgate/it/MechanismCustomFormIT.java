package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.apps.SignInForm;
import dev.tollgate.it.apps.customform.CustomFormApp;
import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.apps.customform.SignInServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.LoginForm;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Kind (b2): a Jakarta Security application with the built-in custom-form mechanism, whose own sign-in servlet calls
 * {@code SecurityContext.authenticate}, and an in-memory identity store bean; no Tollgate-specific code, policy
 * {@code required}, {@code /admin/*} a step-up path.
 */
class MechanismCustomFormIT extends InContainerTest {

    private static final String PASSWORD = InMemoryIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("mechcustomform")
                .classes(CustomFormApp.class, SignInServlet.class, SignInForm.class, InMemoryIdentityStore.class,
                        RestApplication.class, HelloResource.class)
                .notes()
                .pages("error.html")
                .setting("tollgate.policy", "required")
                .setting("tollgate.stepUpPaths", "/admin/*")
                .setting("tollgate.publicPaths", "/public/*")
                .protect("staff", "/admin/*")
                .build();
    }

    MechanismCustomFormIT() {
        super("mechcustomform");
    }

    /** Asks for a protected page, gets the application's sign-in page, and posts the password to it. */
    private static HttpResponse<String> postPassword(Client client, String user, String password) {
        return SignIn.postPassword(client, LoginForm.SIGN_IN_SERVLET, user, password);
    }

    @Test
    void refusesAWrongPassword() {
        Client mallory = new Client(base);
        HttpResponse<String> posted = postPassword(mallory, "alice", "wrong");
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).endsWith("/mechcustomform/error.html"), location(posted));
        assertTrue(mallory.get("secure/whoami").body().contains("login-page"), "still signed out");

        Client direct = new Client(base);
        HttpResponse<String> straight = direct.postForm("signin", Map.of("user", "alice", "pass", "wrong"));
        assertEquals(401, straight.statusCode(), straight.body());
        assertEquals("signin-failed", straight.body());
    }

    @Test
    void sendsEveryUserToEnrolmentAndHoldsTheLoginUntilTheFactorIsConfirmed() {
        Client alice = new Client(base);
        alice.get("secure/whoami");
        String before = alice.sessionId().orElseThrow();
        HttpResponse<String> posted = alice.postForm("signin", Map.of("user", "alice", "pass", PASSWORD));
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/mechcustomform/mfa/enroll?return=%2Fsecure%2Fwhoami"),
                location(posted));
        assertNotEquals(before, alice.sessionId().orElseThrow(), "the session id changes after the password");

        assertEquals("user=null staff=false admin=false aal=null", alice.get("public/info").body());
        HttpResponse<String> page = alice.get("secure/whoami");
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(location(page).contains("/mechcustomform/mfa/enroll"), location(page));
        HttpResponse<String> api = alice.get("api/hello", "application/json");
        assertEquals(401, api.statusCode(), "the code-protected resource is refused: " + api.body());
        assertEquals("mfa_required", json(api).getString("error"));
        assertEquals("enrollment_required", json(api).getString("status"));

        Enrol.authenticatorApp(alice, "phone");
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("secure/whoami").body());
        assertEquals("{\"hello\":\"alice\"}", alice.get("api/hello", "application/json").body());
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("admin/panel").body());
        assertTrue(alice.postForm("secure/notes", Map.of()).body().matches("notes=\\d+"));
    }

    @Test
    void challengesOnTheNextSignInKeepsTheGroupsAndSignsOut() {
        Client first = new Client(base);
        postPassword(first, "carol", PASSWORD);
        String secret = Enrol.authenticatorApp(first, "phone").secret();
        assertEquals(204, first.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        assertTrue(first.get("secure/whoami").body().contains("login-page"), "signed out");

        Client carol = new Client(base);
        HttpResponse<String> posted = postPassword(carol, "carol", PASSWORD);
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/mechcustomform/mfa/challenge?return=%2Fsecure%2Fwhoami"),
                location(posted));
        assertEquals("user=null staff=false admin=false aal=null", carol.get("public/info").body());
        HttpResponse<String> admin = carol.get("admin/panel", "application/json");
        assertEquals(401, admin.statusCode(), admin.body());
        assertEquals("mfa_required", json(admin).getString("error"));
        String held = carol.sessionId().orElseThrow();

        String transactionId = json(admin).getString("transactionId");
        HttpResponse<String> wrong = SignIn.verify(carol, transactionId, Codes.wrongCode(secret));
        assertEquals(401, wrong.statusCode());
        assertEquals(302, carol.get("secure/whoami").statusCode(), "a wrong code signs nobody in");
        HttpResponse<String> right = SignIn.verify(carol, transactionId, Codes.code(secret, 0));
        assertEquals(200, right.statusCode(), right.body());
        assertNotEquals(held, carol.sessionId().orElseThrow(), "the session id changes with the level");
        assertEquals("user=carol staff=true admin=true aal=aal2", carol.get("secure/whoami").body());
        assertEquals("user=carol staff=true admin=true aal=aal2", carol.get("admin/panel").body());

        assertEquals(204, carol.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        assertTrue(carol.get("secure/whoami").body().contains("login-page"), "signed out");
        assertNotEquals(200, carol.get("api/hello", "application/json").statusCode(), "anonymous again");
    }

    @Test
    void jsonLoginChecksThePasswordThroughTheApplicationsMechanism() {
        Client client = new Client(base);
        HttpResponse<String> wrong = client.postJson("mfa/api/login", SignIn.credentials("dave", "no"));
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("invalid_credentials", json(wrong).getString("error"));
        assertTrue(client.get("secure/whoami").body().contains("login-page"),
                "a refused API login leaves the browser's login as it was");

        assertEquals("enrollment_required", SignIn.withJson(client, "dave", PASSWORD).getString("status"));
        assertEquals("user=null staff=false admin=false aal=null", client.get("public/info").body());
        String secret = Enrol.authenticatorApp(client, "phone").secret();
        assertEquals("user=dave staff=true admin=false aal=aal2", client.get("secure/whoami").body());

        Client later = new Client(base);
        JsonObject login = SignIn.withJson(later, "dave", PASSWORD);
        assertEquals("mfa_required", login.getString("status"), login.toString());
        HttpResponse<String> verified = SignIn.verify(later, login.getString("transactionId"), Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=dave staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }
}
