package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.edges.AppLogoutServlet;
import dev.tollgate.it.apps.edges.DispatchServlet;
import dev.tollgate.it.apps.edges.ErrorPageServlet;
import dev.tollgate.it.apps.edges.ReportsServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import dev.tollgate.testing.ExternalTool;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The edges of a held session in a FORM realm application (issue 12, items 5, 9, 10 and 11): what a cross-site form
 * can send to the JSON API, the application's own {@code request.logout()}, error pages, forwards and includes, and
 * prefix-mapped servlets whose paths look like static files. Policy {@code optional}, {@code /admin/*} a step-up
 * path, {@code /public/*} public, {@code /boss/*} only for {@code admin}.
 */
@Tag("portable")
class HeldSessionEdgesIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("edges")
                .classes(AppLogoutServlet.class, DispatchServlet.class, ErrorPageServlet.class, ReportsServlet.class)
                .setting("tollgate.policy", "optional")
                .setting("tollgate.stepUpPaths", "/admin/*")
                .setting("tollgate.publicPaths", "/public/*")
                .protect("admin", "/boss/*")
                .errorPage("/oops", 403, 404, 500)
                .formRealmLogin()
                .build();
    }

    HeldSessionEdgesIT() {
        super("edges");
    }

    /** A browser session of a user with an authenticator app, past the password and waiting for the code. */
    private Client held(String user) {
        Enrol.newUser(new Client(base), user, "authenticated");
        Client client = SignIn.withForm(new Client(base), user);
        HttpResponse<String> page = client.get(SignIn.PROTECTED_PAGE);
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(location(page).contains("/edges/mfa/challenge"), location(page));
        return client;
    }

    // ---- 12.5: what a cross-site form sends

    /** What a form on another site, or a script that may not set headers, sends with the user's cookie. */
    private record Forged(String name, String contentType, String body, Map<String, String> headers) {
    }

    private static List<Forged> forgeries() {
        return List.of(
                new Forged("form, no Origin", "application/x-www-form-urlencoded", "a=b", Map.of()),
                new Forged("text/plain, no Origin", "text/plain", "{}", Map.of()),
                new Forged("multipart, no Origin", "multipart/form-data; boundary=x", "--x--\r\n", Map.of()),
                new Forged("no content type", null, "", Map.of()),
                new Forged("form, cross-site fetch metadata", "application/x-www-form-urlencoded", "a=b",
                        Map.of("Sec-Fetch-Site", "cross-site")),
                new Forged("form, Origin null", "application/x-www-form-urlencoded", "a=b",
                        Map.of("Origin", "null")),
                new Forged("json, foreign Origin", "application/json", "{}",
                        Map.of("Origin", "https://evil.example")));
    }

    private static HttpResponse<String> forge(Client client, String method, String path, Forged forged) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(forged.body()));
        if (forged.contentType() != null) {
            request.header("Content-Type", forged.contentType());
        }
        forged.headers().forEach(request::header);
        return client.send(request);
    }

    private static void assertAllRefused(Client client, String method, String path) {
        List<Executable> checks = new ArrayList<>();
        for (Forged forged : forgeries()) {
            HttpResponse<String> answer = forge(client, method, path, forged);
            checks.add(() -> {
                assertEquals(403, answer.statusCode(), method + " " + path + " " + forged.name() + ": "
                        + answer.body());
                assertEquals("forbidden_origin", json(answer).getString("error"), forged.name());
                assertFalse(json(answer).getString("message").isBlank());
            });
        }
        assertAll(method + " " + path, checks);
    }

    @Test
    void refusesWhatACrossSiteFormSendsOnEveryBodilessCall() {
        // a user with a factor at aal2, one recovery code spent: regenerating would bring back ten
        Enrol.AuthenticatorApp app = Enrol.newUser(new Client(base), "peggy", "authenticated");
        Client peggy = new Client(base);
        String transactionId = SignIn.transaction(peggy, "peggy");
        assertEquals(200, SignIn.verifyWithRecoveryCode(peggy, transactionId, app.recoveryCodes().get(0))
                .statusCode());
        JsonObject before = json(peggy.get("mfa/api/factors"));
        assertEquals(9, before.getInt("recoveryCodesRemaining"), before.toString());

        assertAllRefused(peggy, "POST", "mfa/api/recovery-codes");
        assertAllRefused(peggy, "DELETE", "mfa/api/factors/" + app.factorId());
        assertAllRefused(peggy, "POST", "mfa/api/logout");
        assertEquals(before, json(peggy.get("mfa/api/factors")), "nothing changed: " + before);

        // a user without a factor, whom the policy lets opt out
        Client trent = new Client(base);
        assertEquals("authenticated", SignIn.withJson(trent, "trent").getString("status"));
        assertAllRefused(trent, "POST", "mfa/api/enrollment/opt-out");
        assertAllRefused(trent, "POST", "mfa/api/enrollment/skip");
        assertAllRefused(trent, "DELETE", "mfa/api/enrollment/opt-out");
        assertAllRefused(trent, "POST", "mfa/api/logout");
        JsonObject trents = json(trent.get("mfa/api/factors"));
        assertFalse(trents.getBoolean("optedOut"), "not opted out: " + trents);
        assertEquals("aal1", trents.getString("aal"), "still signed in");

        // the same site's scripts still get through: fetch metadata, or a same-origin Origin, or the JSON type
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        assertEquals(204, forge(trent, "POST", "mfa/api/enrollment/opt-out", new Forged("same-origin fetch",
                null, "", Map.of("Sec-Fetch-Site", "same-origin"))).statusCode());
        assertEquals(204, trent.delete("mfa/api/enrollment/opt-out").statusCode());
        assertEquals(204, forge(peggy, "POST", "mfa/api/logout", new Forged("same-origin form",
                "application/x-www-form-urlencoded", "", Map.of("Origin", own))).statusCode());
        assertEquals(401, peggy.get("mfa/api/factors").statusCode(), "signed out");
    }

    /**
     * The same attack with curl, a client the project did not write, as an attacker's page would send it: with every
     * cookie of the user's sign-in.
     */
    @Test
    void refusesTheCrossSiteFormSentWithCurl() {
        ExternalTool curl = ExternalTool.require("curl", "curl");
        Client victor = new Client(base);
        assertEquals("authenticated", SignIn.withJson(victor, "victor").getString("status"));
        String cookies = victor.cookieHeader();
        for (String path : List.of("mfa/api/enrollment/opt-out", "mfa/api/enrollment/skip", "mfa/api/logout",
                "mfa/api/recovery-codes")) {
            String answer = curl.run("-s", "-w", "\n%{http_code}", "-b", cookies, "-X", "POST",
                    "-H", "Content-Type: application/x-www-form-urlencoded", "--data", "a=b",
                    victor.uri(path).toString());
            assertTrue(answer.endsWith("\n403") && answer.contains("\"forbidden_origin\""), path + ": " + answer);
            String plain = curl.run("-s", "-w", "\n%{http_code}", "-b", cookies, "-X", "POST",
                    "-H", "Content-Type: text/plain", "--data", "{}", victor.uri(path).toString());
            assertTrue(plain.endsWith("\n403"), path + ": " + plain);
        }
        JsonObject after = json(victor.get("mfa/api/factors"));
        assertFalse(after.getBoolean("optedOut"), after.toString());
        // curl's -X POST without --data sends neither a body nor a Content-Length
        String json = curl.run("-s", "-o", "/dev/null", "-w", "%{http_code}", "-b", cookies, "-X", "POST",
                "-H", "Content-Type: application/json", victor.uri("mfa/api/enrollment/opt-out").toString());
        assertEquals("204", json, "a JSON client without a body is still served");
        assertTrue(json(victor.get("mfa/api/factors")).getBoolean("optedOut"));
    }

    /**
     * A client that sends the session cookie without the rest of the sign-in's cookies gets an answer in JSON, never a
     * 500: a server that keeps the sign-in in the session (Payara) serves it; one that keeps it in a cookie of its own
     * and refuses the session to a request without it (Open Liberty: {@code LtpaToken2}, {@code SESN0008E}) is
     * answered as a request that did not sign in. Reading the session, changing it and signing in on it.
     */
    @Test
    void aSessionCookieWithoutTheRestOfTheSignInGetsAJsonAnswer() {
        ExternalTool curl = ExternalTool.require("curl", "curl");
        Client victor = new Client(base);
        SignIn.withJson(victor, "victor");
        String session = "JSESSIONID=" + victor.sessionId().orElseThrow();

        assertServedOrNotSignedIn("200", curl.run("-s", "-w", "\n%{http_code}", "-b", session,
                victor.uri("mfa/api/factors").toString()));
        assertServedOrNotSignedIn("200", curl.run("-s", "-w", "\n%{http_code}", "-b", session, "-X", "POST",
                "-H", "Content-Type: application/json", "--data",
                "{\"username\":\"victor\",\"password\":\"" + SignIn.PASSWORD + "\"}",
                victor.uri("mfa/api/login").toString()));
        assertServedOrNotSignedIn("204", curl.run("-s", "-w", "\n%{http_code}", "-b", session, "-X", "POST",
                "-H", "Content-Type: application/json", victor.uri("mfa/api/logout").toString()));
    }

    @Test
    void aSessionCookieWithoutTheRestOfTheSignInGetsAPageNotAServerError() {
        ExternalTool curl = ExternalTool.require("curl", "curl");
        Client victor = new Client(base);
        SignIn.withJson(victor, "victor");
        String session = "JSESSIONID=" + victor.sessionId().orElseThrow();

        // Tollgate's pages make a session for their form token, or read the sign-in from it: where the server refuses
        // this one, Tollgate's own page says so (401), never a server error
        for (String page : List.of("mfa/login", "mfa/factors")) {
            String answer = curl.run("-s", "-w", "\n%{http_code}", "-b", session, victor.uri(page).toString());
            String status = answer.substring(answer.lastIndexOf('\n') + 1);
            assertTrue(status.equals("200") || status.equals("302") || status.equals("303")
                    || status.equals("401") && answer.contains("<h1>Sign-in problem</h1>"), page + ": " + answer);
        }
    }

    /** Curl's answer ({@code -w "\n%{http_code}"}: the body, then the status on the last line). */
    private static void assertServedOrNotSignedIn(String served, String answer) {
        String status = answer.substring(answer.lastIndexOf('\n') + 1);
        boolean notSignedIn = status.equals("401") && answer.contains("\"error\":\"not_authenticated\"");
        assertTrue(status.equals(served) || notSignedIn, answer);
    }

    // ---- 12.9: the application's own logout

    @Test
    void aNewSignInAfterTheApplicationsLogoutStartsFromThePassword() {
        Client alice = new Client(base);
        SignIn.withForm(alice, "alice");
        String secret = Enrol.authenticatorApp(alice, "phone").secret();
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("admin/panel").body());

        HttpResponse<String> out = alice.postForm("secure/app-logout", Map.of());
        assertEquals("signed out; user=null", out.body());
        SignIn.withForm(alice, "alice");
        HttpResponse<String> again = alice.get("admin/panel");
        assertEquals(302, again.statusCode(), "the second sign-in must not inherit aal2: " + again.body());
        assertTrue(location(again).contains("/edges/mfa/challenge"), location(again));
        assertEquals(302, alice.get("secure/whoami").statusCode(), "held until the code");
        String transactionId = json(alice.get("secure/whoami", "application/json")).getString("transactionId");
        assertEquals(200, SignIn.verify(alice, transactionId, Codes.code(secret, 0)).statusCode());
        assertEquals("user=alice staff=true admin=false aal=aal2", alice.get("admin/panel").body());
    }

    // ---- 12.10: error pages, forwards and includes

    @Test
    void anErrorPageDoesNotSeeAHeldCaller() {
        Client bob = held("bob");
        HttpResponse<String> tollgates = bob.get("mfa/nope");
        assertEquals(404, tollgates.statusCode());
        assertEquals("error-page status=404 user=null staff=false", tollgates.body());
        HttpResponse<String> containers = bob.get("boss/x");
        assertEquals(403, containers.statusCode(), containers.body());
        assertEquals("error-page status=403 user=null staff=false", containers.body(),
                "the container's own 403 comes before the filter");

        Client aal2 = new Client(base);
        SignIn.withForm(aal2, "oscar");
        Enrol.authenticatorApp(aal2, "phone");
        // the roles on an error page are the server's answer (Tollgate passes the request unchanged): true on Payara 6
        // and WildFly, false on GlassFish 7.0.21 and an exception on Payara 7 for every application, Tollgate or not
        String errorPage = aal2.get("mfa/nope").body();
        assertTrue(errorPage.startsWith("error-page status=404 user=oscar staff="),
                "a session at its level keeps its caller on the error page: " + errorPage);
    }

    @Test
    void aForwardOrIncludeFromAPublicPageDoesNotReachProtectedCode() {
        Client dave = held("dave");
        assertEquals("user=null staff=false admin=false aal=null", dave.get("public/info").body());
        HttpResponse<String> forward = dave.get("public/dispatch?how=forward&to=/secure/whoami");
        assertEquals(302, forward.statusCode(), "held like the request: " + forward.body());
        assertTrue(location(forward).contains("/edges/mfa/challenge"), location(forward));
        HttpResponse<String> include = dave.get("public/dispatch?how=include&to=/secure/whoami");
        assertEquals("[]", include.body(), "the include is left out");
        assertEquals("[user=null staff=false admin=false aal=null]",
                dave.get("public/dispatch?how=include&to=/public/info").body(), "public pages still included");
    }

    /** An application's own login servlet that signs in with {@code request.login} and forwards to its home page. */
    @Test
    void aForwardAfterAProgrammaticLoginIsJudgedLikeARequest() {
        Enrol.newUser(new Client(base), "carol", "authenticated");
        Client carol = new Client(base);
        HttpResponse<String> forward = carol.get("public/dispatch?how=forward&to=/secure/whoami&loginAs=carol&password="
                + SignIn.PASSWORD);
        assertEquals(302, forward.statusCode(), "the password alone shows nothing: " + forward.body());
        assertTrue(location(forward).contains("/edges/mfa/challenge"), location(forward));
        HttpResponse<String> next = carol.get("secure/whoami");
        assertFalse(next.body().contains("user=carol"), "nor does the next request: " + next.body());
    }

    @Test
    void aForwardOrIncludeToAStepUpPathNeedsTheSecondFactor() {
        Client erin = new Client(base);
        SignIn.withForm(erin, "erin");
        assertEquals("user=erin staff=true admin=false aal=aal1", erin.get("secure/whoami").body());
        HttpResponse<String> forward = erin.get("secure/dispatch?how=forward&to=/admin/panel");
        assertEquals(302, forward.statusCode(), "a step-up path, forwarded to: " + forward.body());
        assertTrue(location(forward).contains("/edges/mfa/enroll"), location(forward));
        assertEquals("[]", erin.get("secure/dispatch?how=include&to=/admin/panel").body());
        assertEquals("[user=erin staff=true admin=false aal=aal1]",
                erin.get("secure/dispatch?how=include&to=/secure/whoami").body(), "same level, included");
    }

    // ---- 12.11: public paths and prefix-mapped servlets

    @Test
    void aHeldSessionReachesNoPrefixMappedServletByAStaticLookingPath() {
        Client grace = held("grace");
        for (String path : List.of("reports/x.css", "reports/public/x.css", "public/../reports/x.css",
                "reports/x.css;/public/x", "public/%2e%2e/reports/x.css")) {
            HttpResponse<String> answer = grace.get(path);
            // the servlet answers "user=... admin=..."; the error page, for a 404 of the default servlet, no admin=
            assertFalse(answer.body().contains("admin="), path + " reached the servlet: " + answer.body());
            assertTrue(answer.statusCode() == 302 || answer.statusCode() == 400 || answer.statusCode() == 404,
                    path + ": " + answer.statusCode());
        }
    }
}
