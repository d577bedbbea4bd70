package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.SignInForm;
import dev.tollgate.it.apps.caseless.CaselessIdentityStore;
import dev.tollgate.it.apps.caseless.EchoingIdentityStore;
import dev.tollgate.it.apps.custom.AppMechanism;
import dev.tollgate.it.apps.custom.SignInServlet;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.LoginForm;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.12, the harder case: an identity store that ignores case but names the caller as typed (Soteria's
 * {@code DatabaseIdentityStore} on MySQL), so that the container itself settles on {@code CASE1}. With
 * {@code tollgate.userNames=ignore-case}, {@code CASE1} is still the account {@code case1} and meets its factor.
 */
class EchoedNamesIT extends InContainerTest {

    private static final String PASSWORD = CaselessIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("echoed")
                .classes(AppMechanism.class, SignInServlet.class, SignInForm.class, EchoingIdentityStore.class)
                .setting("tollgate.userNames", "ignore-case")
                .build();
    }

    EchoedNamesIT() {
        super("echoed");
    }

    @Test
    void anUpperCaseNameThatTheStoreEchoesMeetsTheFactorAtTheJsonLogin() {
        Enrol.AuthenticatorApp app = Enrol.newUser(new Client(base), "case1", "authenticated");
        Client attacker = new Client(base);

        JsonObject login = SignIn.withJson(attacker, "CASE1", PASSWORD);

        assertEquals("mfa_required", login.getString("status"), login.toString());
        HttpResponse<String> verified = SignIn.verify(attacker, login.getString("transactionId"), app.code(0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("case1", json(verified).getString("user"));
        assertEquals("user=case1 staff=true admin=false aal=aal2", attacker.get("secure/whoami").body());
    }

    @Test
    void anUpperCaseNameThatTheStoreEchoesMeetsTheFactorAtTheApplicationsOwnSignIn() {
        Enrol.newUser(new Client(base), "case2", "authenticated");
        Client attacker = new Client(base);

        HttpResponse<String> posted = SignIn.postPassword(attacker, LoginForm.SIGN_IN_REDIRECT, "Case2", PASSWORD);

        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/echoed/mfa/challenge"), location(posted));
        assertEquals(302, attacker.get("secure/whoami").statusCode(), "not signed in before the code");
    }
}
