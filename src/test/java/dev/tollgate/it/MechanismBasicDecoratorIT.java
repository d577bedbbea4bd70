package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.basic.AnyAppDecorator;
import dev.tollgate.it.apps.basic.AppDecorator;
import dev.tollgate.it.apps.basic.BasicApp;
import dev.tollgate.it.apps.basic.MechanismQualifiersServlet;
import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.TestApplication;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An application's own CDI decorators of its built-in BASIC mechanism keep running beside Tollgate's, exactly as the
 * server runs them without Tollgate ({@link AppDecoratorsWithoutTollgateIT}): Tollgate's decorator (whose delegate is
 * {@code @Any}) displaces none of them, and the login is still held.
 */
@Tag("portable")
class MechanismBasicDecoratorIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("mechbasicdeco")
                .classes(BasicApp.class, AppDecorator.class, AnyAppDecorator.class, InMemoryIdentityStore.class,
                        MechanismQualifiersServlet.class)
                .setting("tollgate.policy", "optional")
                .build();
    }

    MechanismBasicDecoratorIT() {
        super("mechbasicdeco");
    }

    @Test
    void theApplicationsDecoratorsRunBesideTollgatesAsWithoutItAndTheLoginIsStillHeld() {
        boolean defaultMechanism = new Client(base).get("mechanism-qualifiers").body()
                .contains("defaultMechanism=true");
        Enrol.newUser(new Client(base), "alice", "authenticated");
        HttpResponse<String> held = new Client(base).basic("alice", InMemoryIdentityStore.PASSWORD)
                .get("secure/whoami", "text/html");
        assertEquals(302, held.statusCode(), held.body());
        assertTrue(Client.location(held).contains("/mechbasicdeco/mfa/challenge"), Client.location(held));
        // the order of the decorators is the server's (by priority): the application's check the password in any
        // order, so they mark the answer to the request that carried it
        assertEquals("seen", held.headers().firstValue(AnyAppDecorator.HEADER).orElse(null));
        assertEquals(defaultMechanism ? "seen" : null, held.headers().firstValue(AppDecorator.HEADER).orElse(null),
                "called with Tollgate exactly where the server calls it without (a @Default mechanism bean)");
    }
}
