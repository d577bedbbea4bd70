package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.config.SettingSource;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The artifact refuses to start in a deployment that does not say it is a test one: the listener fails the
 * deployment, and the bean, for a deployment that leaves fragments out, refuses its first use.
 */
class TestDeploymentGuardTest {

    /** A servlet context with these context parameters and nothing else. */
    private static ServletContext contextWith(Map<String, String> parameters) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameter" -> parameters.get((String) args[0]);
                    case "getContextPath" -> "/expenses";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void failsTheDeploymentThatDoesNotSayItIsATestOne() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new TestDeploymentGuard().contextInitialized(new ServletContextEvent(contextWith(Map.of()))));
        assertTrue(refused.getMessage().contains("tollgate.testing.enabled is not set"), refused.getMessage());
        assertTrue(refused.getMessage().contains("never be in a production deployment"), refused.getMessage());
    }

    @Test
    void failsTheDeploymentThatSaysItIsNoTestOne() {
        for (String value : new String[] {"false", "yes", "", "TRUE "}) {
            ServletContext context = contextWith(Map.of(TestDeploymentGuard.ENABLED, value));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new TestDeploymentGuard().contextInitialized(new ServletContextEvent(context)), value);
            assertTrue(refused.getMessage().contains("is '" + value.trim() + "'"), refused.getMessage());
        }
    }

    @Test
    void startsInATestDeployment() {
        ServletContext context = contextWith(Map.of(TestDeploymentGuard.ENABLED, " true "));
        assertDoesNotThrow(() -> new TestDeploymentGuard().contextInitialized(new ServletContextEvent(context)));
        assertDoesNotThrow(() -> new TollgateTestUsers(context, null).requireTestDeployment());
    }

    @Test
    void theBeanRefusesToStartWhereTheListenerDidNotRun() {
        TollgateTestUsers users = new TollgateTestUsers(contextWith(Map.of()), null);
        IllegalStateException refused = assertThrows(IllegalStateException.class, users::requireTestDeployment);
        assertTrue(refused.getMessage().contains(TestDeploymentGuard.ENABLED), refused.getMessage());
    }

    @Test
    void aSystemPropertyOrAnEnvironmentVariableSaysItAsWellAsAContextParameter() {
        SettingSource property = SettingSource.layered(Map.of(TestDeploymentGuard.ENABLED, "true"), Map.of(),
                SettingSource.empty());
        SettingSource variable = SettingSource.layered(Map.of(), Map.of("TOLLGATE_TESTING_ENABLED", "true"),
                SettingSource.empty());
        assertDoesNotThrow(() -> TestDeploymentGuard.requireTestDeployment(property));
        assertDoesNotThrow(() -> TestDeploymentGuard.requireTestDeployment(variable));
        // and an operator's false above a context parameter's true wins, as for every Tollgate setting
        SettingSource overridden = SettingSource.layered(Map.of(TestDeploymentGuard.ENABLED, "false"), Map.of(),
                key -> java.util.Optional.of("true"));
        assertThrows(IllegalStateException.class, () -> TestDeploymentGuard.requireTestDeployment(overridden));
        assertFalse(Boolean.getBoolean(TestDeploymentGuard.ENABLED), "the tests' own JVM must not be a test server");
    }
}
