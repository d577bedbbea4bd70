package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.Note;
import dev.tollgate.it.apps.NotesServlet;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.apps.Whoami;
import dev.tollgate.it.apps.WhoamiServlet;
import dev.tollgate.it.apps.customform.CustomFormApp;
import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.apps.customform.SignInServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Deployments;
import jakarta.json.Json;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kind (b2): a Jakarta Security application with the built-in custom-form mechanism, whose own sign-in servlet calls
 * {@code SecurityContext.authenticate}, and an in-memory identity store bean; no Tollgate-specific code, policy
 * {@code required}, {@code /admin/*} a step-up path.
 */
@ExtendWith(ArquillianExtension.class)
class MechanismCustomFormIT {

    private static final String PASSWORD = InMemoryIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withTollgate("mechcustomform")
                .addClasses(CustomFormApp.class, SignInServlet.class, InMemoryIdentityStore.class, Whoami.class,
                        WhoamiServlet.class, RestApplication.class, HelloResource.class, Note.class,
                        NotesServlet.class)
                .addAsResource(new File("src/test/resources/it/notes-persistence.xml"), "META-INF/persistence.xml")
                .addAsWebResource(new File("src/test/resources/it/error.html"), "error.html")
                .setWebXML(new StringAsset(Deployments.webXml(Map.of(
                        "tollgate.policy", "required",
                        "tollgate.stepUpPaths", "/admin/*",
                        "tollgate.publicPaths", "/public/*"), MechanismApps.CONSTRAINTS)));
    }

    @ArquillianResource
    private URL base;

    @BeforeEach
    void deployed() {
        assertTrue(base.getPath().endsWith("/mechcustomform/"), "the deployment failed: see the server log " + base);
    }

    /** Asks for a protected page, gets the application's sign-in page, and posts the password to it. */
    private HttpResponse<String> postPassword(Client client, String user, String password) {
        HttpResponse<String> login = client.get("secure/whoami");
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("login-page"), login.body());
        return client.postForm("signin", Map.of("user", user, "pass", password));
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

        MechanismApps.enrolWithApi(alice, -1);
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("secure/whoami").body());
        assertEquals("{\"hello\":\"alice\"}", alice.get("api/hello", "application/json").body());
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("admin/panel").body());
        assertTrue(alice.postForm("secure/notes", Map.of()).body().matches("notes=\\d+"));
    }

    @Test
    void challengesOnTheNextSignInKeepsTheGroupsAndSignsOut() {
        Client first = new Client(base);
        postPassword(first, "carol", PASSWORD);
        String secret = MechanismApps.enrolWithApi(first, -1);
        assertEquals(204, first.postJson("mfa/api/logout", "{}").statusCode());
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

        HttpResponse<String> wrong = carol.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", json(admin).getString("transactionId"))
                .add("code", Codes.wrongCode(secret)).build());
        assertEquals(401, wrong.statusCode());
        assertEquals(302, carol.get("secure/whoami").statusCode(), "a wrong code signs nobody in");
        HttpResponse<String> right = carol.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", json(admin).getString("transactionId"))
                .add("code", Codes.code(secret, 0)).build());
        assertEquals(200, right.statusCode(), right.body());
        assertNotEquals(held, carol.sessionId().orElseThrow(), "the session id changes with the level");
        assertEquals("user=carol staff=true admin=true aal=aal2", carol.get("secure/whoami").body());
        assertEquals("user=carol staff=true admin=true aal=aal2", carol.get("admin/panel").body());

        assertEquals(204, carol.postJson("mfa/api/logout", "{}").statusCode());
        assertTrue(carol.get("secure/whoami").body().contains("login-page"), "signed out");
        assertNotEquals(200, carol.get("api/hello", "application/json").statusCode(), "anonymous again");
    }

    @Test
    void jsonLoginChecksThePasswordThroughTheApplicationsMechanism() {
        Client client = new Client(base);
        HttpResponse<String> wrong = client.postJson("mfa/api/login", "{\"username\":\"dave\",\"password\":\"no\"}");
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("invalid_credentials", json(wrong).getString("error"));
        assertTrue(client.get("secure/whoami").body().contains("login-page"),
                "a refused API login leaves the browser's login as it was");

        HttpResponse<String> right = client.postJson("mfa/api/login",
                "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("enrollment_required", json(right).getString("status"));
        assertEquals("user=null staff=false admin=false aal=null", client.get("public/info").body());
        String secret = MechanismApps.enrolWithApi(client, -1);
        assertEquals("user=dave staff=true admin=false aal=aal2", client.get("secure/whoami").body());

        Client later = new Client(base);
        HttpResponse<String> login = later.postJson("mfa/api/login",
                "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals("mfa_required", json(login).getString("status"), login.body());
        HttpResponse<String> verified = later.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", json(login).getString("transactionId"))
                .add("code", Codes.code(secret, 0)).build());
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=dave staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }
}
