package dev.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.crypto.KeyRing;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServletContextSettingsTest {

    private static final String KEY = KeyRing.generateKeySpec("2025b", new SecureRandom());

    /** A servlet context that answers the two questions the adapter asks, without a server. */
    private static ServletContext context(String displayName, Map<String, String> initParameters) {
        return (ServletContext) Proxy.newProxyInstance(ServletContextSettingsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletContextName" -> displayName;
                    case "getInitParameter" -> initParameters.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void readsContextParametersBelowEnvironmentAndSystemProperties() {
        ServletContext context = context("Payroll", Map.of("tollgate.encryptionKeys", KEY,
                "tollgate.basePath", "/ctx", "tollgate.totp.window", "2", "tollgate.policy", "required"));

        TollgateSettings settings = ServletContextSettings.read(context,
                Map.of("tollgate.basePath", "/sys"), Map.of("TOLLGATE_TOTP_WINDOW", "3", "TOLLGATE_BASEPATH", "/env"));

        assertEquals("/sys", settings.basePath());
        assertEquals(3, settings.totpWindow());
        assertEquals(dev.tollgate.policy.MfaPolicy.Mode.REQUIRED, settings.policy());
    }

    @Test
    void usesTheDisplayNameAsIssuerFallback() {
        Map<String, String> key = Map.of("tollgate.encryptionKeys", KEY);
        assertEquals("Payroll", ServletContextSettings.read(context(" Payroll ", key), Map.of(), Map.of()).issuer());
        assertEquals("Tollgate", ServletContextSettings.read(context(null, key), Map.of(), Map.of()).issuer());
        assertEquals("Tollgate", ServletContextSettings.read(context("  ", key), Map.of(), Map.of()).issuer());
        assertEquals("Tollgate", ServletContextSettings.read(context("Payroll: EU", key), Map.of(), Map.of())
                .issuer(), "a display name with a colon cannot be an issuer, and must not stop the start-up");
        assertEquals("Set", ServletContextSettings.read(context("Payroll", Map.of("tollgate.encryptionKeys", KEY,
                "tollgate.issuer", "Set")), Map.of(), Map.of()).issuer());
    }
}
