package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.SignInForm;
import dev.tollgate.it.apps.caseless.CaselessIdentityStore;
import dev.tollgate.it.apps.custom.AppMechanism;
import dev.tollgate.it.apps.custom.SignInServlet;
import dev.tollgate.it.support.Curl;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.14: password guessing against Tollgate's own sign-in ({@code POST /mfa/api/login}, {@code /mfa/login}),
 * which checks passwords against the application's identity store directly. Attacked with curl from several loopback
 * addresses; the limits are lowered (3 per account and address, 6 per account, 8 per address, waits of 5 minutes)
 * so that the test needs few requests. Each test uses its own accounts and addresses: the counts live in the
 * database.
 */
@Tag("portable")
class FirstFactorThrottleIT extends InContainerTest {

    private static final String PASSWORD = CaselessIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("throttle")
                .classes(AppMechanism.class, SignInServlet.class, SignInForm.class, CaselessIdentityStore.class)
                .setting("tollgate.loginThrottle.perAccountAndAddress", "3")
                .setting("tollgate.loginThrottle.perAccount", "6")
                .setting("tollgate.loginThrottle.perAddress", "8")
                .setting("tollgate.loginThrottle.delay", "PT5M")
                .build();
    }

    FirstFactorThrottleIT() {
        super("throttle");
    }

    private Curl from(String address) {
        return new Curl(base, address);
    }

    private static String login(String user, String password) {
        return Json.createObjectBuilder().add("username", user).add("password", password).build().toString();
    }

    private static JsonObject json(Curl.Answer answer) {
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    /** Opens the login page, as a browser does before posting it, and returns its CSRF token. */
    private static String csrf(Curl browser) {
        Curl.Answer page = browser.get("mfa/login");
        assertEquals(200, page.status(), page.body());
        return Html.find(page.body(), "name=\"csrf\" value=\"([^\"]+)\"");
    }

    private static void assertThrottled(Curl.Answer answer) {
        assertEquals(429, answer.status(), answer.body());
        assertEquals("too_many_attempts", json(answer).getString("error"));
        assertTrue(json(answer).getString("message").contains("try again in"), answer.body());
        long retryAfter = Long.parseLong(answer.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 240 && retryAfter <= 300, "Retry-After: " + retryAfter);
    }

    @Test
    void wrongPasswordsFromOneAddressAreAnsweredWith429AndRetryAfterWhileOthersStillSignIn() {
        Curl attacker = from("127.0.0.21");
        for (int i = 0; i < 3; i++) {
            Curl.Answer wrong = attacker.postJson("mfa/api/login", login("case100", "guess" + i));
            assertEquals(401, wrong.status(), "guess " + i + ": " + wrong.body());
        }

        assertThrottled(attacker.postJson("mfa/api/login", login("case100", "guess3")));
        assertThrottled(attacker.postJson("mfa/api/login", login("CASE100", PASSWORD)));
        // the right password from the owner's address, and another account from the attacker's, still work
        Curl.Answer owner = from("127.0.0.22").postJson("mfa/api/login", login("case100", PASSWORD));
        assertEquals(200, owner.status(), owner.body());
        Curl.Answer other = attacker.postJson("mfa/api/login", login("case101", PASSWORD));
        assertEquals(200, other.status(), other.body());
    }

    @Test
    void anAccountAttackedFromManyAddressesWaitsEverywhereButAtTheOwnersKnownAddress() {
        Curl owner = from("127.0.0.31");
        assertEquals(200, owner.postJson("mfa/api/login", login("case110", PASSWORD)).status());
        for (int i = 0; i < 6; i++) {
            Curl.Answer wrong = from("127.0.1." + i).postJson("mfa/api/login", login("case110", "guess"));
            assertEquals(401, wrong.status(), "address " + i + ": " + wrong.body());
        }

        assertThrottled(from("127.0.1.100").postJson("mfa/api/login", login("case110", PASSWORD)));
        Curl.Answer known = owner.postJson("mfa/api/login", login("case110", PASSWORD));
        assertEquals(200, known.status(), "an attacker elsewhere cannot lock the owner out: " + known.body());
    }

    @Test
    void passwordSprayingFromOneAddressIsLimited() {
        Curl sprayer = from("127.0.0.41");
        for (int i = 0; i < 8; i++) {
            assertEquals(401, sprayer.postJson("mfa/api/login", login("case12" + i, "Winter2026!")).status());
        }

        assertThrottled(sprayer.postJson("mfa/api/login", login("case129", "Winter2026!")));
    }

    @Test
    void theLoginPageShowsTheWaitAfterTooManyWrongPasswords() {
        Curl attacker = from("127.0.0.51");
        for (int i = 0; i < 3; i++) {
            Curl.Answer wrong = attacker.postForm("mfa/login", Map.of("csrf", csrf(attacker), "username", "case130",
                    "password", "x" + i));
            assertEquals(401, wrong.status(), wrong.body());
        }

        Curl.Answer page = attacker.postForm("mfa/login", Map.of("csrf", csrf(attacker), "username", "case130",
                "password", PASSWORD));
        assertEquals(429, page.status(), page.body());
        assertTrue(page.header("Retry-After").isPresent());
        assertTrue(page.body().contains("Too many failed sign-ins for this account or from this network."),
                page.body());
        Curl ownerBrowser = from("127.0.0.52");
        Curl.Answer owner = ownerBrowser.postForm("mfa/login", Map.of("csrf", csrf(ownerBrowser), "username",
                "case130", "password", PASSWORD));
        assertEquals(302, owner.status(), owner.body());
    }
}
