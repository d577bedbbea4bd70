package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.apps.admin.AdminServlet;
import dev.tollgate.it.apps.edges.AppLogoutServlet;
import dev.tollgate.it.apps.form.FormApp;
import dev.tollgate.it.apps.form.FormUsers;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.LoginForm;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.it.support.SecurityKeys;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kind (b1): a Jakarta Security application with the built-in FORM mechanism ({@code LoginToContinue}) and a database
 * identity store with PBKDF2 hashes, no Tollgate-specific code, policy {@code optional}, {@code /admin/*} a step-up
 * path. Tollgate's decorator holds the mechanism's login back until the second factor.
 */
@Tag("portable")
class MechanismFormIT extends InContainerTest {

    private static final String PASSWORD = FormUsers.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("mechform")
                .classes(FormApp.class, FormUsers.class, RestApplication.class, HelloResource.class,
                        AdminServlet.class, AppLogoutServlet.class)
                .notes()
                .pages("login.html", "error.html")
                .setting("tollgate.policy", "optional")
                .setting("tollgate.stepUpPaths", "/admin/*")
                .setting("tollgate.publicPaths", "/public/*")
                .protect("staff", "/admin/*")
                .build();
    }

    MechanismFormIT() {
        super("mechform");
    }

    /** A browser that asks for a protected page, gets the login page, and posts the password. */
    private static HttpResponse<String> postPassword(Client client, String user, String password) {
        return SignIn.postPassword(client, LoginForm.J_SECURITY_CHECK, user, password);
    }

    private Client signInAtAal1(String user) {
        return SignIn.withForm(new Client(base), LoginForm.J_SECURITY_CHECK, user, PASSWORD);
    }

    @Test
    void refusesAWrongPasswordWithTheApplicationsErrorPage() {
        Client mallory = new Client(base);
        HttpResponse<String> posted = postPassword(mallory, "alice", "wrong");
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).endsWith("/mechform/error.html"), location(posted));
        assertTrue(mallory.get("secure/whoami").body().contains("login-page"), "still signed out");
        assertEquals("user=null staff=false admin=false aal=null", mallory.get("public/info").body());
    }

    @Test
    void signsAUserWithoutAFactorInAtAal1AndStepsUpForAdminPaths() {
        Client alice = signInAtAal1("alice");
        HttpResponse<String> page = alice.get("secure/whoami");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("user=alice staff=true admin=false aal=aal1", page.body());
        assertEquals("{\"hello\":\"alice\"}", alice.get("api/hello", "application/json").body());
        assertTrue(alice.postForm("secure/notes", Map.of()).body().matches("notes=\\d+"),
                "the app's own unit still works");

        HttpResponse<String> admin = alice.get("admin/panel");
        assertEquals(302, admin.statusCode(), admin.body());
        assertTrue(location(admin).contains("/mechform/mfa/enroll?return=%2Fadmin%2Fpanel"), location(admin));
        HttpResponse<String> adminJson = alice.get("admin/panel", "application/json");
        assertEquals(401, adminJson.statusCode());
        assertEquals("mfa_required", json(adminJson).getString("error"));
    }

    @Test
    void stepsUpWithTheChallengeWhenAFactorWasAddedInAnotherSession() {
        Client desk = signInAtAal1("erin");
        assertEquals("user=erin staff=true admin=false aal=aal1", desk.get("secure/whoami").body());
        Client phone = signInAtAal1("erin");
        String secret = Enrol.authenticatorApp(phone, "phone").secret();

        HttpResponse<String> admin = desk.get("admin/panel");
        assertEquals(302, admin.statusCode(), admin.body());
        assertTrue(location(admin).contains("/mechform/mfa/challenge?return=%2Fadmin%2Fpanel"), location(admin));
        HttpResponse<String> challenge = desk.get("mfa/challenge?return=%2Fadmin%2Fpanel");
        assertEquals(200, challenge.statusCode(), challenge.body());
        String before = desk.sessionId().orElseThrow();
        HttpResponse<String> verified = desk.postForm("mfa/challenge",
                Map.of("csrf", Html.csrf(challenge),
                        "code", Codes.code(secret, 0)));
        assertEquals(302, verified.statusCode(), verified.body());
        assertTrue(location(verified).endsWith("/mechform/admin/panel"), location(verified));
        assertNotEquals(before, desk.sessionId().orElseThrow(), "the session id changes with the level");
        assertEquals("user=erin staff=true admin=false aal=aal2", desk.get("admin/panel").body());
    }

    @Test
    void holdsTheLoginOfAUserWithAFactorUntilTheCodeAndKeepsTheGroups() {
        Client first = signInAtAal1("carol");
        String secret = Enrol.authenticatorApp(first, "phone").secret();
        assertEquals("user=carol staff=true admin=true aal=aal2", first.get("secure/whoami").body());
        HttpResponse<String> out = first.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(204, out.statusCode());
        assertTrue(first.get("secure/whoami").body().contains("login-page"), "signed out");

        Client carol = new Client(base);
        carol.get("secure/whoami");
        String before = carol.sessionId().orElseThrow();
        HttpResponse<String> posted = carol.postForm("j_security_check",
                Map.of("j_username", "carol", "j_password", PASSWORD));
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/mechform/mfa/challenge?return=%2Fsecure%2Fwhoami"), location(posted));
        String held = carol.sessionId().orElseThrow();
        assertNotEquals(before, held, "the session id changes after the password");

        // the container holds no caller: the application sees nobody, and nothing protected answers
        assertEquals("user=null staff=false admin=false aal=null", carol.get("public/info").body());
        HttpResponse<String> page = carol.get("secure/whoami");
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(location(page).contains("/mechform/mfa/challenge"), location(page));
        HttpResponse<String> open = carol.get("open/whoami");
        assertEquals(302, open.statusCode(), "unconstrained pages are held too: " + open.body());
        HttpResponse<String> api = carol.get("api/hello", "application/json");
        assertEquals(401, api.statusCode(), "the code-protected resource is refused: " + api.body());
        assertEquals("mfa_required", json(api).getString("error"));
        HttpResponse<String> pageJson = carol.get("secure/whoami", "application/json");
        assertEquals(401, pageJson.statusCode(), pageJson.body());
        String transactionId = json(pageJson).getString("transactionId");
        assertEquals(302, carol.postForm("secure/notes", Map.of()).statusCode());

        HttpResponse<String> verified = SignIn.verify(carol, transactionId, Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("aal2", json(verified).getString("aal"));
        assertNotEquals(held, carol.sessionId().orElseThrow(), "the session id changes with the level");
        assertEquals("user=carol staff=true admin=true aal=aal2", carol.get("secure/whoami").body());
        assertEquals("user=carol staff=true admin=true aal=aal2", carol.get("admin/panel").body());
        assertEquals("{\"hello\":\"carol\"}", carol.get("api/hello", "application/json").body());
        assertTrue(carol.postForm("secure/notes", Map.of()).body().matches("notes=\\d+"));
    }

    /** Issue 12.9: the application's sign-out only calls request.logout(); the session stays. */
    @Test
    void aNewSignInAfterTheApplicationsLogoutStartsFromThePassword() {
        Client dave = signInAtAal1("dave");
        String secret = Enrol.authenticatorApp(dave, "phone").secret();
        assertEquals("user=dave staff=true admin=false aal=aal2", dave.get("admin/panel").body());

        assertEquals("signed out; user=null", dave.postForm("secure/app-logout", Map.of()).body());
        assertTrue(dave.get("secure/whoami").body().contains("login-page"), "signed out, same session");
        HttpResponse<String> posted = dave.postForm("j_security_check",
                Map.of("j_username", "dave", "j_password", PASSWORD));
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/mechform/mfa/challenge"),
                "the second sign-in must not inherit aal2: " + location(posted));
        HttpResponse<String> admin = dave.get("admin/panel");
        assertEquals(302, admin.statusCode(), admin.body());
        String transactionId = json(dave.get("secure/whoami", "application/json")).getString("transactionId");
        // the enrolment spent the previous step's code; this one is of a later step, so it cannot be a replay
        HttpResponse<String> verified = SignIn.verify(dave, transactionId, Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=dave staff=true admin=false aal=aal2", dave.get("admin/panel").body());
    }

    @Test
    void jsonLoginChecksThePasswordAgainstTheApplicationsDatabaseStore() {
        Client client = new Client(base);
        HttpResponse<String> wrong = client.postJson("mfa/api/login", SignIn.credentials("bob", "nope"));
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("invalid_credentials", json(wrong).getString("error"));
        HttpResponse<String> unknown = client.postJson("mfa/api/login", SignIn.credentials("nobody", PASSWORD));
        assertEquals(401, unknown.statusCode());
        assertEquals(json(wrong).getString("message"), json(unknown).getString("message"));
        assertTrue(client.get("secure/whoami").body().contains("login-page"),
                "a refused API login leaves the browser's login as it was");

        assertEquals("authenticated", SignIn.withJson(client, "bob", PASSWORD).getString("status"));
        assertEquals("user=bob staff=true admin=false aal=aal1", client.get("secure/whoami").body());
        String secret = Enrol.authenticatorApp(client, "phone").secret();
        assertEquals("user=bob staff=true admin=false aal=aal2", client.get("secure/whoami").body());

        Client later = new Client(base);
        JsonObject login = SignIn.withJson(later, "bob", PASSWORD);
        assertEquals("mfa_required", login.getString("status"), login.toString());
        assertEquals("user=null staff=false admin=false aal=null", later.get("public/info").body());
        assertEquals(401, later.get("api/hello", "application/json").statusCode());
        HttpResponse<String> verified = SignIn.verify(later, login.getString("transactionId"), Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=bob staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }

    @Test
    void offersTheAdministratorsJavaApiToAnApplicationWithAMechanism() {
        Client helpdesk = new Client(base);
        HttpResponse<String> listed = helpdesk.get("helpdesk?user=nobody");
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("factors=0 labels=[] recoveryCodes=0 optedOut=false", listed.body());
        assertEquals("factorsRemoved=0 recoveryCodesRemoved=0",
                helpdesk.postForm("helpdesk?user=nobody&by=desk", Map.of()).body());
    }

    /**
     * Security keys work in this server: the WebAuthn library (shaded with its Jackson) verifies a registration and an
     * assertion, whatever Jackson the server shows the application; a server that broke it would answer 503
     * {@code security_keys_unavailable} here.
     */
    @Test
    void registersASecurityKeyAndSignsInWithIt() {
        Client first = new Client(base);
        SignIn.withJson(first, "quinn", PASSWORD);
        SoftwareAuthenticator key = SecurityKeys.register(first);
        assertEquals(204, first.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());

        Client later = new Client(base);
        JsonObject login = SignIn.withJson(later, "quinn", PASSWORD);
        assertEquals("mfa_required", login.getString("status"), login.toString());
        assertEquals("webauthn", login.getJsonArray("factors").getJsonObject(0).getString("type"), login.toString());
        HttpResponse<String> verified = SecurityKeys.verify(later, login.getString("transactionId"), key);
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("aal2", json(verified).getString("aal"));
        assertEquals("user=quinn staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }
}
