package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.HelloResource;
import dev.tollgate.it.apps.Note;
import dev.tollgate.it.apps.NotesServlet;
import dev.tollgate.it.apps.RestApplication;
import dev.tollgate.it.apps.Whoami;
import dev.tollgate.it.apps.WhoamiServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kind (a1): a legacy application with {@code web.xml} FORM login ({@code j_security_check}) against the server's
 * file realm, no Tollgate-specific code, policy {@code required}. The container signs users in with the password;
 * Tollgate's filter holds the session until the second factor.
 */
@ExtendWith(ArquillianExtension.class)
class FormRealmIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withTollgate("formrealm")
                .addClasses(Whoami.class, WhoamiServlet.class, RestApplication.class, HelloResource.class, Note.class,
                        NotesServlet.class)
                .addAsResource(new File("src/test/resources/it/notes-persistence.xml"), "META-INF/persistence.xml")
                .merge(Deployments.formLoginPages())
                .setWebXML(new StringAsset(Deployments.webXml(Map.of(
                        "tollgate.policy", "required",
                        "tollgate.publicPaths", "/public/*",
                        "tollgate.issuer", "Legacy Notes"), """
                          <security-constraint>
                            <web-resource-collection><web-resource-name>secure</web-resource-name>
                              <url-pattern>/secure/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>staff</role-name></auth-constraint>
                          </security-constraint>
                          """ + Deployments.FORM_REALM_LOGIN + """
                        """)));
    }

    @ArquillianResource
    private URL base;

    @BeforeEach
    void deployed() {
        assertTrue(base.getPath().endsWith("/formrealm/"), "the deployment failed: see the server log " + base);
    }

    private Client signInWithPassword(String user) {
        Client client = new Client(base);
        HttpResponse<String> login = client.get("secure/whoami");
        assertTrue(login.body().contains("login-page"), login.body());
        HttpResponse<String> posted = client.postForm("j_security_check",
                Map.of("j_username", user, "j_password", Deployments.PASSWORD));
        assertEquals(302, posted.statusCode(), posted.body());
        // a browser follows the redirect back to the page it asked for, where the server completes its login
        client.get(java.net.URI.create(location(posted)).getPath().substring(base.getPath().length()));
        return client;
    }

    /** Enrols through the JSON API with the session of a password sign-in; returns the secret. */
    private String enrolWithApi(Client client) {
        HttpResponse<String> created = client.postJson("mfa/api/factors/totp", "{\"label\":\"work phone\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject factor = json(created);
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(factor.getString("qrCode").startsWith("data:image/png;base64,"));
        assertTrue(factor.getString("otpauthUrl").startsWith("otpauth://totp/Legacy%20Notes:"));
        String secret = factor.getString("secret");
        HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + factor.getString("factorId")
                + "/verify", Json.createObjectBuilder().add("code", Codes.code(secret, -1)).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals("aal2", json(confirmed).getString("aal"));
        return secret;
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
        String secret = find(page.body(), "<p class=\"secret\" id=\"secret\">([A-Z2-7 ]+)</p>").replace(" ", "");
        String csrf = find(page.body(), "name=\"csrf\" value=\"([^\"]+)\"");
        assertTrue(page.body().contains("autocomplete=\"one-time-code\""));
        String before = alice.sessionId().orElseThrow();

        HttpResponse<String> wrong = alice.postForm("mfa/enroll?return=%2Fsecure%2Fwhoami",
                Map.of("csrf", csrf, "code", Codes.wrongCode(secret)));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("didn't match"), wrong.body());

        HttpResponse<String> confirmed = alice.postForm("mfa/enroll",
                Map.of("csrf", csrf, "code", Codes.code(secret, 0), "label", "work phone"));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals("no-store", confirmed.headers().firstValue("Cache-Control").orElse(""));
        Matcher codes = Pattern.compile("<li><code>([2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4})</code></li>")
                .matcher(confirmed.body());
        int shown = 0;
        while (codes.find()) {
            shown++;
        }
        assertEquals(10, shown, "the first factor comes with ten recovery codes");
        HttpResponse<String> saved = alice.postForm("mfa/saved", Map.of("csrf", csrf, "saved", "on",
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

        HttpResponse<String> out = carol.postJson("mfa/api/logout", "{}");
        assertEquals(204, out.statusCode());
        assertTrue(carol.get("secure/whoami").body().contains("login-page"), "signed out");

        Client again = signInWithPassword("carol");
        HttpResponse<String> held = again.get("secure/whoami");
        assertEquals(302, held.statusCode());
        assertTrue(location(held).contains("/mfa/challenge"), location(held));
        HttpResponse<String> api = again.get("secure/whoami", "application/json");
        assertEquals(401, api.statusCode());
        String transactionId = json(api).getString("transactionId");

        HttpResponse<String> farOff = again.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", transactionId).add("code", Codes.code(secret, 8)).build());
        assertEquals(401, farOff.statusCode());
        assertEquals(240, json(farOff).getInt("clockOffsetSeconds"), "a phone four minutes ahead is told so");
        assertTrue(json(farOff).getString("message").contains("about 4 minutes ahead"), farOff.body());

        HttpResponse<String> wrong = again.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", transactionId).add("code", Codes.wrongCode(secret)).build());
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_code", json(wrong).getString("error"));

        HttpResponse<String> right = again.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", transactionId).add("code", Codes.code(secret, 0)).build());
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("aal2", json(right).getString("aal"));
        assertEquals("carol", json(right).getString("user"));
        assertEquals("user=carol staff=true admin=false aal=aal2", again.get("secure/whoami").body());
    }

    @Test
    void jsonLoginChecksThePasswordAgainstTheRealm() {
        Client dave = new Client(base);
        HttpResponse<String> wrong = dave.postJson("mfa/api/login", "{\"username\":\"dave\",\"password\":\"nope\"}");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_credentials", json(wrong).getString("error"));
        HttpResponse<String> unknown = dave.postJson("mfa/api/login",
                "{\"username\":\"nobody\",\"password\":\"" + Deployments.PASSWORD + "\"}");
        assertEquals(401, unknown.statusCode());
        assertEquals(json(wrong).getString("message"), json(unknown).getString("message"));

        HttpResponse<String> right = dave.postJson("mfa/api/login",
                "{\"username\":\"dave\",\"password\":\"" + Deployments.PASSWORD + "\"}");
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
        HttpResponse<String> login = later.postJson("mfa/api/login",
                "{\"username\":\"dave\",\"password\":\"" + Deployments.PASSWORD + "\"}");
        assertEquals("mfa_required", json(login).getString("status"), login.body());
        assertEquals("totp", json(login).getJsonArray("factors").getJsonObject(0).getString("type"));
        HttpResponse<String> verified = later.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", json(login).getString("transactionId"))
                .add("code", Codes.code(secret, 0)).build());
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=dave staff=true admin=false aal=aal2", later.get("secure/whoami").body());
    }

    @Test
    void refusesATransactionIdFromAnotherSession() {
        Client erin = new Client(base);
        erin.postJson("mfa/api/login", "{\"username\":\"erin\",\"password\":\"" + Deployments.PASSWORD + "\"}");
        String secret = enrolWithApi(erin);
        erin.postJson("mfa/api/logout", "{}");

        Client victim = new Client(base);
        String transactionId = json(victim.postJson("mfa/api/login",
                "{\"username\":\"erin\",\"password\":\"" + Deployments.PASSWORD + "\"}")).getString("transactionId");
        Client attacker = new Client(base);
        attacker.postJson("mfa/api/login", "{\"username\":\"grace\",\"password\":\"" + Deployments.PASSWORD + "\"}");
        HttpResponse<String> stolen = attacker.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", transactionId).add("code", Codes.code(secret, 0)).build());
        assertEquals(410, stolen.statusCode(), stolen.body());
        assertEquals("transaction_expired", json(stolen).getString("error"));

        HttpResponse<String> own = victim.postJson("mfa/api/verify", Json.createObjectBuilder()
                .add("transactionId", transactionId).add("code", Codes.code(secret, 0)).build());
        assertEquals(200, own.statusCode(), "the code was not consumed by the refused attempt: " + own.body());
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex + " not found in " + text);
        return matcher.group(1);
    }
}
