package dev.tollgate.it.support;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of an in-container test that talks to its one deployment over HTTP, as a browser or an API client would:
 * Arquillian injects the deployment's URL here, and every test first checks that it is the deployment of its class.
 *
 * <pre>{@code
 * class FormRealmIT extends InContainerTest {
 *
 *     @Deployment(testable = false)
 *     static WebArchive deployment() {
 *         return TestApplication.named("formrealm").formRealmLogin().build();
 *     }
 *
 *     FormRealmIT() {
 *         super("formrealm");
 *     }
 * }
 * }</pre>
 */
@ExtendWith(ArquillianExtension.class)
public abstract class InContainerTest {

    /** The deployment's URL, ending with its context root and a slash. */
    @ArquillianResource
    protected URL base;

    private final String name;

    /**
     * @param name the archive name given to {@link TestApplication#named}
     */
    protected InContainerTest(String name) {
        this.name = name;
    }

    /** Fails the test when its application is not deployed; see {@link TestApplication#deployedUrl}. */
    @BeforeEach
    protected final void assertDeployed() {
        base = TestApplication.deployedUrl(base, name);
    }
}
