package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.SignInForm;
import dev.tollgate.it.apps.caseless.CaselessIdentityStore;
import dev.tollgate.it.apps.custom.AppMechanism;
import dev.tollgate.it.apps.custom.SignInServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.LoginForm;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.12: an identity store that ignores the case of user names (LDAP, a MySQL collation) and names the caller
 * in lower case. A user who enrolled as {@code case1} and types {@code CASE1} must meet the factor of
 * {@code case1}, at every way in: Tollgate's JSON login, its login page, and the application's own sign-in through
 * its mechanism; and the second factor's lock counts against the same account however the name is typed.
 */
class CaselessNamesIT extends InContainerTest {

    private static final String PASSWORD = CaselessIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("caseless")
                .classes(AppMechanism.class, SignInServlet.class, SignInForm.class, CaselessIdentityStore.class)
                .setting("tollgate.lockout.threshold", "3")
                .build();
    }

    CaselessNamesIT() {
        super("caseless");
    }

    /** Enrols an authenticator app for the user as the store names them (lower case), and signs out. */
    private Enrol.AuthenticatorApp enrolled(String user) {
        return Enrol.newUser(new Client(base), user, "authenticated");
    }

    @Test
    void anUpperCaseNameAtTheJsonLoginMeetsTheFactorOfTheAccount() {
        Enrol.AuthenticatorApp app = enrolled("case1");
        Client attacker = new Client(base);

        JsonObject login = SignIn.withJson(attacker, "CASE1", PASSWORD);

        assertEquals("mfa_required", login.getString("status"), login.toString());
        assertEquals(401, attacker.get("secure/whoami", "application/json").statusCode(), "held: no caller yet");
        HttpResponse<String> verified = SignIn.verify(attacker, login.getString("transactionId"), app.code(0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("case1", json(verified).getString("user"), "the store's name, not the typed one");
        assertEquals("user=case1 staff=true admin=false aal=aal2", attacker.get("secure/whoami").body());
    }

    @Test
    void anUpperCaseNameAtTollgatesLoginPageMeetsTheFactorOfTheAccount() {
        enrolled("case2");
        Client attacker = new Client(base);
        String csrf = Html.csrf(attacker.get("mfa/login"));

        HttpResponse<String> posted = attacker.postForm("mfa/login", Map.of("csrf", csrf, "username", "Case2",
                "password", PASSWORD));

        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/caseless/mfa/challenge"), location(posted));
        assertEquals(302, attacker.get("secure/whoami").statusCode(), "not signed in before the code");
    }

    @Test
    void anUpperCaseNameAtTheApplicationsOwnSignInMeetsTheFactorOfTheAccount() {
        enrolled("case3");
        Client attacker = new Client(base);

        HttpResponse<String> posted = SignIn.postPassword(attacker, LoginForm.SIGN_IN_REDIRECT, "CASE3", PASSWORD);

        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/caseless/mfa/challenge"), location(posted));
        assertEquals(302, attacker.get("secure/whoami").statusCode(), "not signed in before the code");
    }

    @Test
    void wrongCodesUnderAnyCaseOfTheNameLockTheOneAccount() {
        Enrol.AuthenticatorApp app = enrolled("case4");
        String wrong = Codes.wrongCode(app.secret());
        for (String typed : new String[] {"CASE4", "Case4", "cAsE4"}) {
            Client attacker = new Client(base);
            String transaction = SignIn.withJson(attacker, typed, PASSWORD).getString("transactionId");
            HttpResponse<String> refused = SignIn.verify(attacker, transaction, wrong);
            // 401 invalid_code, and 429 for the one that reaches the threshold and locks
            assertTrue(refused.statusCode() == 401 || refused.statusCode() == 429, refused.body());
        }

        Client owner = new Client(base);
        String transaction = SignIn.withJson(owner, "case4", PASSWORD).getString("transactionId");
        HttpResponse<String> locked = SignIn.verify(owner, transaction, app.code(0));
        assertEquals(429, locked.statusCode(), "three wrong codes under three spellings lock case4: "
                + locked.body());
        assertEquals("too_many_attempts", json(locked).getString("error"));
    }
}
