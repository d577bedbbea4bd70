package dev.tollgate.demo.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.ApiSignIn;
import dev.tollgate.testing.SignInFailedException;
import dev.tollgate.testing.SignedIn;
import dev.tollgate.testing.TestAuthenticator;
import dev.tollgate.testing.TollgateTestUsers;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo's own Arquillian test, written as an integrator writes theirs once Tollgate is in the application: the
 * application as it is built, plus {@code tollgate-testing} in the test deployment; a test user gets an authenticator
 * app from {@link TollgateTestUsers} (no clicking through enrolment), signs in over HTTP with the password and a code
 * through {@link ApiSignIn}, and is reset after each test. Tollgate stays on, as in production: the finance area still
 * asks for the second factor.
 *
 * <p>Runs in the server (the default, testable deployment), on Payara Micro 6 and WildFly (see the pom's
 * {@code example-*} profiles and {@code src/test/resources/arquillian.xml}); the servers are started with
 * {@code -Dtollgate.testing.enabled=true}, without which tollgate-testing refuses to start.
 */
@ExtendWith(ArquillianExtension.class)
class ExpensesArquillianExample {

    /** The demo's WAR as the build made it, under a name of its own, and the testing support in WEB-INF/lib. */
    @Deployment
    static WebArchive expenses() {
        File built = new File(System.getProperty("demo.war", "target/ROOT.war"));
        return ShrinkWrap.create(ZipImporter.class, "expenses.war").importFrom(built).as(WebArchive.class)
                .addAsLibraries(jarOf(TollgateTestUsers.class));
    }

    /** The jar a class was loaded from: tollgate-testing from the test's own class path, as Maven resolved it. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    TollgateTestUsers users;

    @ArquillianResource
    URL expenses;

    private TestAuthenticator bobsPhone;

    @BeforeEach
    void bobHasAnAuthenticatorApp() {
        bobsPhone = users.enrolApp("bob");
    }

    @AfterEach
    void bobStartsAfresh() {
        users.reset("bob");
    }

    @Test
    void bobApprovesClaimsAfterHisPasswordAndCode() throws Exception {
        SignedIn bob = ApiSignIn.at(expenses.toURI()).signIn("bob", "bob-demo", bobsPhone);
        assertEquals("aal2", bob.aal());

        HttpResponse<String> approvals = get(bob.client(), "admin/approvals", "text/html");
        assertEquals(200, approvals.statusCode());
        assertTrue(approvals.body().contains("id=\"approvals-title\""), approvals.body());
    }

    @Test
    void signsInAgainAtOnceWithoutReusingACode() throws Exception {
        // two sign-ins within the same 30 seconds: the second takes the next time step's code, never the first's
        ApiSignIn.at(expenses.toURI()).signIn("bob", "bob-demo", bobsPhone);
        long first = bobsPhone.lastUsedStep();
        SignedIn again = ApiSignIn.at(expenses.toURI()).signIn("bob", "bob-demo", bobsPhone);
        assertEquals("aal2", again.aal());
        assertTrue(bobsPhone.lastUsedStep() > first);
    }

    @Test
    void thePasswordAloneDoesNotOpenTheFinanceArea() throws Exception {
        // Tollgate is on in the test as in production: after the password, the session is held for the code
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(expenses.toURI().resolve("mfa/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bob\",\"password\":\"bob-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(login.body().contains("\"mfa_required\""), login.body());

        HttpResponse<String> approvals = get(client, "admin/approvals", "application/json");
        assertEquals(401, approvals.statusCode());
        assertTrue(approvals.body().contains("\"mfa_required\""), approvals.body());
    }

    @Test
    void aResetUserHasNoSecondFactorLeft() throws Exception {
        users.reset("bob");
        SignInFailedException refused = assertThrows(SignInFailedException.class,
                () -> ApiSignIn.at(expenses.toURI()).signIn("bob", "bob-demo", bobsPhone));
        // the demo's policy is optional: bob is in with the password alone, and offered enrolment again
        assertTrue(refused.getMessage().contains("\"enrollment\":\"suggested\""), refused.getMessage());
    }

    private HttpResponse<String> get(HttpClient client, String path, String accept)
            throws IOException, InterruptedException, URISyntaxException {
        URI uri = expenses.toURI().resolve(path);
        return client.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
