package dev.tollgate.it;

import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.apps.faces.FacesFormApp;
import dev.tollgate.it.apps.faces.LoginBacking;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.FacesSignIn;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.TestApplication;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application of {@link MechanismFacesFormIT} without Tollgate: what the server's own {@code LoginToContinue}
 * does after a Faces sign-in page called {@code SecurityContext.authenticate}. {@link MechanismFacesFormIT} holds
 * Tollgate to the same way back.
 */
@Tag("portable")
class FacesFormAloneIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.withoutTollgate("facesalone")
                .classes(FacesFormApp.class, LoginBacking.class, InMemoryIdentityStore.class)
                .pages("login.xhtml", "error.html")
                .facesServlet()
                .build();
    }

    FacesFormAloneIT() {
        super("facesalone");
    }

    @Test
    void theServerSendsTheUserBackToThePageThatAskedForTheLogin() {
        Client alice = new Client(base);
        HttpResponse<String> posted = FacesSignIn.signIn(alice, base, "alice", InMemoryIdentityStore.PASSWORD);

        assertEquals(302, posted.statusCode(), "not the sign-in page again: " + posted.body());
        assertTrue(location(posted).endsWith("/facesalone/secure/whoami"), location(posted));
        HttpResponse<String> page = alice.followRedirect(posted);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().startsWith("user=alice staff=true"), page.body());
    }
}
