package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.apps.SignInForm;
import dev.tollgate.it.apps.custom.AppMechanism;
import dev.tollgate.it.apps.custom.SignInServlet;
import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
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
import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.it.support.SecurityKeys;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kind (b3): an application with its own {@code HttpAuthenticationMechanism} bean (form posted to {@code /signin},
 * checked with the identity stores), no Tollgate-specific code, policy {@code roles} for {@code admin},
 * {@code /admin/*} a step-up path.
 */
@Tag("portable")
class CustomMechanismIT extends InContainerTest {

    private static final String PASSWORD = InMemoryIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("custommech")
                .classes(AppMechanism.class, SignInServlet.class, SignInForm.class, InMemoryIdentityStore.class,
                        RestApplication.class, HelloResource.class)
                .notes()
                .setting("tollgate.policy", "roles")
                .setting("tollgate.policy.roles", "admin")
                .setting("tollgate.stepUpPaths", "/admin/*")
                .setting("tollgate.publicPaths", "/public/*")
                .protect("staff", "/admin/*")
                .build();
    }

    CustomMechanismIT() {
        super("custommech");
    }

    /** Asks for a protected page, is sent to the sign-in page, and posts the password there. */
    private static HttpResponse<String> postPassword(Client client, String user, String password) {
        return SignIn.postPassword(client, LoginForm.SIGN_IN_REDIRECT, user, password);
    }

    @Test
    void refusesAWrongPassword() {
        Client mallory = new Client(base);
        HttpResponse<String> posted = postPassword(mallory, "frank", "wrong");
        assertEquals(401, posted.statusCode(), posted.body());
        assertEquals(302, mallory.get("secure/whoami").statusCode(), "still signed out");
        assertEquals("user=null staff=false admin=false aal=null", mallory.get("public/info").body());
    }

    @Test
    void signsAUserOutsideThePolicysRolesInAtAal1AndStepsUpForAdminPaths() {
        Client alice = new Client(base);
        HttpResponse<String> posted = postPassword(alice, "alice", PASSWORD);
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).endsWith("/custommech/secure/whoami"), "the app's own redirect: "
                + location(posted));
        assertEquals("user=alice staff=true admin=false aal=aal1", alice.get("secure/whoami").body());
        assertEquals("{\"hello\":\"alice\"}", alice.get("api/hello", "application/json").body());
        assertTrue(alice.postForm("secure/notes", Map.of()).body().matches("notes=\\d+"));

        HttpResponse<String> admin = alice.get("admin/panel");
        assertEquals(302, admin.statusCode(), admin.body());
        assertTrue(location(admin).contains("/custommech/mfa/enroll?return=%2Fadmin%2Fpanel"), location(admin));
        Enrol.authenticatorApp(alice, "phone");
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("admin/panel").body());
    }

    @Test
    void holdsTheLoginOfAnAdminUntilEnrolmentAndThenChallenges() {
        Client frank = new Client(base);
        frank.get("secure/whoami");
        String before = frank.sessionId().orElseThrow();
        HttpResponse<String> posted = frank.postForm("signin", Map.of("user", "frank", "pass", PASSWORD));
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/custommech/mfa/enroll?return=%2Fsecure%2Fwhoami"), location(posted));
        assertNotEquals(before, frank.sessionId().orElseThrow(), "the session id changes after the password");

        assertEquals("user=null staff=false admin=false aal=null", frank.get("public/info").body());
        assertEquals(302, frank.get("secure/whoami").statusCode());
        assertEquals(302, frank.get("open/whoami").statusCode());
        HttpResponse<String> api = frank.get("api/hello", "application/json");
        assertEquals(401, api.statusCode(), "the code-protected resource is refused: " + api.body());
        assertEquals("mfa_required", json(api).getString("error"));

        String secret = Enrol.authenticatorApp(frank, "phone").secret();
        assertEquals("user=frank staff=true admin=true aal=aal2", frank.get("secure/whoami").body());
        assertEquals("{\"hello\":\"frank\"}", frank.get("api/hello", "application/json").body());
        assertEquals(204, frank.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        assertEquals(302, frank.get("secure/whoami").statusCode(), "signed out");
        assertEquals("user=null staff=false admin=false aal=null", frank.get("public/info").body());

        Client again = new Client(base);
        HttpResponse<String> second = postPassword(again, "frank", PASSWORD);
        assertEquals(302, second.statusCode(), second.body());
        assertTrue(location(second).contains("/custommech/mfa/challenge?return=%2Fsecure%2Fwhoami"),
                location(second));
        HttpResponse<String> pageJson = again.get("secure/whoami", "application/json");
        assertEquals(401, pageJson.statusCode());
        HttpResponse<String> verified = SignIn.verify(again, json(pageJson).getString("transactionId"),
                Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=frank staff=true admin=true aal=aal2", again.get("secure/whoami").body());
        assertEquals("user=frank staff=true admin=true aal=aal2", again.get("admin/panel").body());
    }

    @Test
    void jsonLoginChecksThePasswordWithTheApplicationsIdentityStore() {
        Client client = new Client(base);
        HttpResponse<String> wrong = client.postJson("mfa/api/login", SignIn.credentials("carol", "x"));
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("invalid_credentials", json(wrong).getString("error"));

        JsonObject admin = SignIn.withJson(client, "carol", PASSWORD);
        assertEquals("enrollment_required", admin.getString("status"));
        assertEquals(401, client.get("api/hello", "application/json").statusCode());

        Client staff = new Client(base);
        JsonObject plain = SignIn.withJson(staff, "bob", PASSWORD);
        assertEquals("authenticated", plain.getString("status"));
        assertEquals("user=bob staff=true admin=false aal=aal1", staff.get("secure/whoami").body());
    }

    /**
     * Security keys work in this server: the WebAuthn library (shaded with its Jackson) verifies a registration and an
     * assertion, whatever Jackson the server shows the application; a server that broke it would answer 503
     * {@code security_keys_unavailable} here.
     */
    @Test
    void registersASecurityKeyAndSignsInWithIt() {
        Client first = new Client(base);
        SignIn.withJson(first, "zoe", PASSWORD);
        SoftwareAuthenticator key = SecurityKeys.register(first);
        assertEquals(204, first.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());

        Client later = new Client(base);
        JsonObject login = SignIn.withJson(later, "zoe", PASSWORD);
        assertEquals("mfa_required", login.getString("status"), login.toString());
        assertEquals("webauthn", login.getJsonArray("factors").getJsonObject(0).getString("type"), login.toString());
        HttpResponse<String> verified = SecurityKeys.verify(later, login.getString("transactionId"), key);
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("aal2", json(verified).getString("aal"));
        assertEquals("user=zoe staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }
}
