package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.basic.AnyAppDecorator;
import dev.tollgate.it.apps.basic.AppDecorator;
import dev.tollgate.it.apps.basic.BasicApp;
import dev.tollgate.it.apps.basic.MechanismQualifiersServlet;
import dev.tollgate.it.apps.customform.InMemoryIdentityStore;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.TestApplication;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server's own behaviour, without Tollgate, that {@link MechanismBasicDecoratorIT} compares Tollgate with: which
 * of an application's decorators of the built-in BASIC mechanism the server calls. A decorator with an {@code @Any}
 * delegate is called everywhere; one whose delegate has the default qualifier only where the mechanism is a
 * {@code @Default} bean, which Jakarta Security 4 (Payara Micro 7) no longer makes it: a stated limit of those
 * servers, not Tollgate's.
 */
@Tag("portable")
class AppDecoratorsWithoutTollgateIT extends InContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.withoutTollgate("plaindeco")
                .classes(BasicApp.class, AppDecorator.class, AnyAppDecorator.class, InMemoryIdentityStore.class,
                        MechanismQualifiersServlet.class)
                .build();
    }

    AppDecoratorsWithoutTollgateIT() {
        super("plaindeco");
    }

    @Test
    void theServerCallsADecoratorWithAnAnyDelegateOnEveryRequestTheMechanismSees() {
        HttpResponse<String> challenged = new Client(base).get("secure/whoami");
        assertEquals(401, challenged.statusCode(), challenged.body());
        assertEquals("seen", challenged.headers().firstValue(AnyAppDecorator.HEADER).orElse(null));
        HttpResponse<String> page = new Client(base).basic("alice", InMemoryIdentityStore.PASSWORD)
                .get("secure/whoami");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().startsWith("user=alice staff=true"), page.body());
        assertEquals("seen", page.headers().firstValue(AnyAppDecorator.HEADER).orElse(null));
    }

    /**
     * CDI applies a decorator to the beans its delegate resolves to; Jakarta Security 4 qualifies the built-in
     * mechanism with its definition's {@code qualifiers} (by default its own qualifier annotation) instead of
     * {@code @Default}. So on a Jakarta Security 4 server the decorator Soteria's {@code app-mem-basic-decorate} shows
     * is never called, with or without Tollgate.
     */
    @Test
    void theServerCallsADecoratorWithADefaultDelegateOnlyUnderJakartaSecurity3() {
        String seen = new Client(base).get("mechanism-qualifiers").body();
        boolean security4 = seen.contains("definitionQualifiers=true");
        assertEquals(security4 ? "definitionQualifiers=true defaultMechanism=false"
                : "definitionQualifiers=false defaultMechanism=true", seen);
        HttpResponse<String> challenged = new Client(base).get("secure/whoami");
        assertEquals(401, challenged.statusCode(), challenged.body());
        assertEquals(security4 ? null : "seen", challenged.headers().firstValue(AppDecorator.HEADER).orElse(null),
                seen);
    }
}
