package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.Enrol.AuthenticatorApp;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.it.support.SecurityKeys;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kind (a1): a legacy application with {@code web.xml} FORM login ({@code j_security_check}) against the server's
 * file realm, no Tollgate-specific code, policy {@code required}. The container signs users in with the password;
 * Tollgate's filter holds the session until the second factor.
 */
@Tag("portable")
class FormRealmIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("formrealm")
                .classes(RestApplication.class, HelloResource.class)
                .notes()
                .setting("tollgate.policy", "required")
                .setting("tollgate.publicPaths", "/public/*")
                .setting("tollgate.issuer", "Legacy Notes")
                .formRealmLogin()
                .build();
    }

    FormRealmIT() {
        super("formrealm");
    }

    private Client signInWithPassword(String user) {
        return SignIn.withForm(new Client(base), user);
    }

    /** Enrols through the JSON API with the session of a password sign-in; returns the secret. */
    private static String enrolWithApi(Client client) {
        AuthenticatorApp app = Enrol.authenticatorApp(client, "work phone");
        JsonObject factor = json(app.created());
        assertEquals("no-store", app.created().headers().firstValue("Cache-Control").orElse(""));
        assertTrue(factor.getString("qrCode").startsWith("data:image/png;base64,"));
        assertTrue(factor.getString("otpauthUrl").startsWith("otpauth://totp/Legacy%20Notes:"));
        return app.secret();
    }

    @Test
    void sendsANewUserToEnrolmentAndThenToTheProtectedPageWithRolesIntact() {
        Client alice = signInWithPassword("alice");
        HttpResponse<String> held = alice.get("secure/whoami");
        assertEquals(302, held.statusCode());
        assertTrue(location(held).contains("/formrealm/mfa/enroll?return=%2Fsecure%2Fwhoami"), location(held));

        HttpResponse<String> page = alice.get("mfa/enroll");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        String secret = Html.find(page.body(), "<p class=\"secret\" id=\"secret\">([A-Z2-7 ]+)</p>").replace(" ", "");
        String csrf = Html.csrf(page);
        assertTrue(page.body().contains("autocomplete=\"one-time-code\""));
        String before = alice.sessionId().orElseThrow();

        HttpResponse<String> wrong = alice.postForm("mfa/enroll?return=%2Fsecure%2Fwhoami",
                Map.of("csrf", csrf, "code", Codes.wrongCode(secret)));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("didn't match"), wrong.body());

        HttpResponse<String> confirmed = alice.postForm("mfa/enroll",
                Map.of("csrf", csrf, "code", Codes.code(secret, 0), "label", "work phone"));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        // Open Liberty adds no-cache="set-cookie" to an answer that sets a cookie (here the new session id)
        assertTrue(confirmed.headers().firstValue("Cache-Control").orElse("").startsWith("no-store"),
                confirmed.headers().firstValue("Cache-Control").orElse(""));
        Matcher codes = Pattern.compile("<li><code>([2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4})</code></li>")
                .matcher(confirmed.body());
        int shown = 0;
        while (codes.find()) {
            shown++;
        }
        assertEquals(10, shown, "the first factor comes with ten recovery codes");
        // the new level came with a new CSRF token: the page that shows the codes carries it, as a browser sees
        assertNotEquals(csrf, Html.csrf(confirmed), "the CSRF token changes with the level");
        HttpResponse<String> saved = alice.postForm("mfa/saved", Map.of("csrf", Html.csrf(confirmed), "saved", "on",
                "return", "/secure/whoami"));
        assertEquals(302, saved.statusCode(), saved.body());
        assertTrue(location(saved).endsWith("/formrealm/secure/whoami"), location(saved));
        assertNotEquals(before, alice.sessionId().orElseThrow(), "the session id changes with the level");

        HttpResponse<String> whoami = alice.get("secure/whoami");
        assertEquals(200, whoami.statusCode());
        assertEquals("user=alice staff=true admin=false aal=aal2", whoami.body());
        assertEquals(200, alice.get("api/hello").statusCode());
        assertEquals("notes=1", alice.postForm("secure/notes", Map.of()).body(), "the app's own unit still works");
    }

    @Test
    void refusesEverythingButPublicPathsBeforeTheSecondFactorAndHidesTheCaller() {
        Client bob = signInWithPassword("bob");
        HttpResponse<String> api = bob.get("api/hello", "application/json");
        assertEquals(401, api.statusCode(), "the code-protected resource is refused: " + api.body());
        assertEquals("mfa_required", json(api).getString("error"));
        HttpResponse<String> open = bob.get("open/whoami");
        assertEquals(302, open.statusCode(), "unconstrained pages are held too");
        HttpResponse<String> publicPage = bob.get("public/info");
        assertEquals(200, publicPage.statusCode());
        assertEquals("user=null staff=false admin=false aal=null", publicPage.body(), "the caller is hidden");
        HttpResponse<String> notes = bob.postForm("secure/notes", Map.of());
        assertEquals(302, notes.statusCode());

        // a forged form post (no CSRF token, or another session's) is refused before the code is even looked at
        HttpResponse<String> forged = bob.postForm("mfa/enroll", Map.of("code", "123456"));
        assertEquals(403, forged.statusCode(), forged.body());
        HttpResponse<String> otherToken = bob.postForm("mfa/enroll", Map.of("code", "123456", "csrf", "forged"));
        assertEquals(403, otherToken.statusCode());
        HttpResponse<String> page = bob.get("mfa/enroll");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));

        // the pages speak the browser's language
        HttpResponse<String> german = bob.send(java.net.http.HttpRequest.newBuilder(bob.uri("mfa/enroll"))
                .header("Accept-Language", "de-DE,de;q=0.9").GET());
        assertTrue(german.body().contains("Authenticator-App einrichten"), german.body());
    }

    @Test
    void challengesOnTheNextSignInAndSignsOut() {
        Client carol = signInWithPassword("carol");
        String secret = enrolWithApi(carol);
        assertEquals(200, carol.get("secure/whoami").statusCode());

        HttpResponse<String> out = carol.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(204, out.statusCode());
        HttpResponse<String> login = carol.get("secure/whoami");
        // the container sends its login page in place of the page, or redirects to it (Open Liberty)
        login = login.statusCode() == 302 ? carol.followRedirect(login) : login;
        assertTrue(login.body().contains("login-page"), "signed out");

        Client again = signInWithPassword("carol");
        HttpResponse<String> held = again.get("secure/whoami");
        assertEquals(302, held.statusCode());
        assertTrue(location(held).contains("/mfa/challenge"), location(held));
        HttpResponse<String> api = again.get("secure/whoami", "application/json");
        assertEquals(401, api.statusCode());
        String transactionId = json(api).getString("transactionId");

        HttpResponse<String> farOff = SignIn.verify(again, transactionId, Codes.code(secret, -8));
        assertEquals(401, farOff.statusCode());
        assertEquals(-240, json(farOff).getInt("clockOffsetSeconds"), "a phone four minutes behind is told so");
        assertTrue(json(farOff).getString("message").contains("about 4 minutes behind"), farOff.body());

        // a code of a step to come is not explained: it would tell a guesser a code that signs in when its step comes
        HttpResponse<String> wrong = SignIn.verify(again, transactionId, Codes.code(secret, 8));
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_code", json(wrong).getString("error"));
        assertFalse(json(wrong).containsKey("clockOffsetSeconds"), wrong.body());

        HttpResponse<String> right = SignIn.verify(again, transactionId, Codes.code(secret, 0));
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("aal2", json(right).getString("aal"));
        assertEquals("carol", json(right).getString("user"));
        assertEquals("user=carol staff=true admin=false aal=aal2", again.get("secure/whoami").body());
    }

    @Test
    void jsonLoginChecksThePasswordAgainstTheRealm() {
        Client dave = new Client(base);
        HttpResponse<String> wrong = dave.postJson("mfa/api/login", SignIn.credentials("dave", "nope"));
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_credentials", json(wrong).getString("error"));
        HttpResponse<String> unknown = dave.postJson("mfa/api/login", SignIn.credentials("nobody"));
        assertEquals(401, unknown.statusCode());
        assertEquals(json(wrong).getString("message"), json(unknown).getString("message"));

        HttpResponse<String> right = dave.postJson("mfa/api/login", SignIn.credentials("dave"));
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("enrollment_required", json(right).getString("status"));
        assertTrue(json(right).getString("transactionId").length() >= 22);
        String secret = enrolWithApi(dave);
        HttpResponse<String> factors = dave.get("mfa/api/factors");
        assertEquals(200, factors.statusCode());
        assertEquals("dave", json(factors).getString("user"));
        assertEquals("work phone", json(factors).getJsonArray("factors").getJsonObject(0).getString("label"));
        assertEquals("user=dave staff=true admin=false aal=aal2", dave.get("secure/whoami").body());

        Client later = new Client(base);
        JsonObject login = SignIn.withJson(later, "dave");
        assertEquals("mfa_required", login.getString("status"), login.toString());
        assertEquals("totp", login.getJsonArray("factors").getJsonObject(0).getString("type"));
        HttpResponse<String> verified = SignIn.verify(later, login.getString("transactionId"), Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=dave staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }

    @Test
    void refusesATransactionIdFromAnotherSession() {
        Client erin = new Client(base);
        SignIn.withJson(erin, "erin");
        String secret = enrolWithApi(erin);
        erin.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT);

        Client victim = new Client(base);
        String transactionId = SignIn.transaction(victim, "erin");
        Client attacker = new Client(base);
        SignIn.withJson(attacker, "grace");
        HttpResponse<String> stolen = SignIn.verify(attacker, transactionId, Codes.code(secret, 0));
        assertEquals(410, stolen.statusCode(), stolen.body());
        assertEquals("transaction_expired", json(stolen).getString("error"));

        HttpResponse<String> own = SignIn.verify(victim, transactionId, Codes.code(secret, 0));
        assertEquals(200, own.statusCode(), "the code was not consumed by the refused attempt: " + own.body());
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
