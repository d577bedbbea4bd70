package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.basic.AppDecorator;
import dev.tollgate.it.apps.basic.BasicApp;
import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kind (b4): the built-in BASIC mechanism with an application decorator of its own (as Soteria's
 * {@code app-mem-basic-decorate}), policy {@code optional}: the password comes with the protected request itself, so
 * that request is where the user goes back after the second factor.
 */
@Tag("portable")
class MechanismBasicIT extends InContainerTest {

    private static final String PASSWORD = InMemoryIdentityStore.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("mechbasic")
                .classes(BasicApp.class, AppDecorator.class, InMemoryIdentityStore.class)
                .setting("tollgate.policy", "optional")
                .build();
    }

    MechanismBasicIT() {
        super("mechbasic");
    }

    @Test
    void aBasicLoginIsHeldUntilTheCodeAndThenShowsThePageItAskedFor() {
        Enrol.AuthenticatorApp app = Enrol.newUser(new Client(base), "alice", "authenticated");
        Client browser = new Client(base).basic("alice", PASSWORD);

        HttpResponse<String> held = browser.get("secure/whoami?week=48", "text/html");
        assertEquals(302, held.statusCode(), held.body());
        assertTrue(location(held).contains("/mechbasic/mfa/challenge?return=%2Fsecure%2Fwhoami%3Fweek%3D48"),
                "the page asked for is where the user goes back: " + location(held));
        HttpResponse<String> challenge = browser.followRedirect(held);
        HttpResponse<String> verified = browser.postForm(location(held).substring(location(held).indexOf("mfa/")),
                Map.of("csrf", Html.csrf(challenge), "code", app.code(0)));
        assertEquals(302, verified.statusCode(), verified.body());
        assertTrue(location(verified).endsWith("/mechbasic/secure/whoami?week=48"), location(verified));
        HttpResponse<String> page = browser.followRedirect(verified);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().startsWith("user=alice staff=true"), page.body());
    }

    @Test
    void aJsonClientGetsTheTransactionAndFinishesWithTheCode() {
        Enrol.AuthenticatorApp app = Enrol.newUser(new Client(base), "bob", "authenticated");
        Client client = new Client(base).basic("bob", PASSWORD);

        HttpResponse<String> held = client.get("secure/whoami", "application/json");
        assertEquals(401, held.statusCode(), held.body());
        assertEquals("mfa_required", json(held).getString("error"));
        HttpResponse<String> verified = SignIn.verify(client, json(held).getString("transactionId"), app.code(0));
        assertEquals(200, verified.statusCode(), verified.body());
        HttpResponse<String> page = client.get("secure/whoami");
        assertTrue(page.body().startsWith("user=bob staff=true"), page.body());
    }
}
