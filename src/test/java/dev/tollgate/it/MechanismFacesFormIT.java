package dev.tollgate.it;

import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.apps.faces.FacesFormApp;
import dev.tollgate.it.apps.faces.LoginBacking;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.FacesSignIn;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.TestApplication;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kind (b3): the built-in custom-form mechanism behind a Faces sign-in page whose action calls
 * {@code SecurityContext.authenticate} and leaves the way back to {@code LoginToContinue}, as the Jakarta EE
 * examples' {@code customFormWithJsf} does; policy {@code optional}. No Tollgate-specific code in the application.
 */
@Tag("portable")
class MechanismFacesFormIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("facesform")
                .classes(FacesFormApp.class, LoginBacking.class, InMemoryIdentityStore.class)
                .pages("login.xhtml", "error.html")
                .facesServlet()
                .setting("tollgate.policy", "optional")
                .build();
    }

    MechanismFacesFormIT() {
        super("facesform");
    }

    private HttpResponse<String> signIn(Client client, String user) {
        return FacesSignIn.signIn(client, base, user, InMemoryIdentityStore.PASSWORD);
    }

    @Test
    void aUserWithoutAFactorGoesBackToThePageThatAskedForTheLogin() {
        Client alice = new Client(base);
        HttpResponse<String> posted = signIn(alice, "alice");

        assertEquals(302, posted.statusCode(), "not the sign-in page again: " + posted.body());
        assertTrue(location(posted).endsWith("/facesform/secure/whoami"), location(posted));
        HttpResponse<String> page = alice.followRedirect(posted);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().startsWith("user=alice staff=true"), page.body());
    }

    @Test
    void aUserWithAFactorIsHeldUntilTheCodeAndThenSeesThePage() {
        Client bob = new Client(base);
        signIn(bob, "bob");
        String secret = dev.tollgate.it.support.Enrol.authenticatorApp(bob).secret();
        bob.postJson("mfa/api/logout", jakarta.json.JsonValue.EMPTY_JSON_OBJECT);

        Client again = new Client(base);
        HttpResponse<String> posted = signIn(again, "bob");
        assertEquals(302, posted.statusCode(), posted.body());
        assertTrue(location(posted).contains("/facesform/mfa/challenge"), location(posted));
        assertEquals(302, again.get("secure/whoami").statusCode(), "held until the code");
        HttpResponse<String> challenge = again.followRedirect(posted);
        HttpResponse<String> verified = again.postForm("mfa/challenge" + query(location(posted)),
                Map.of("code", Codes.code(secret, 0), "csrf", Html.csrf(challenge)));
        assertEquals(302, verified.statusCode(), verified.body());
        HttpResponse<String> page = again.followRedirect(verified);
        assertTrue(page.body().startsWith("user=bob staff=true"), page.body());
    }

    private static String query(String location) {
        Matcher m = Pattern.compile("\\?.*$").matcher(location);
        return m.find() ? m.group() : "";
    }
}
