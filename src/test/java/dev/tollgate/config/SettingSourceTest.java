package dev.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingSourceTest {

    private static final Map<String, String> SYSTEM = Map.of("tollgate.a", "system");
    private static final Map<String, String> ENVIRONMENT = Map.of("TOLLGATE_A", "env", "TOLLGATE_B", "env");
    private static final Map<String, String> CONTEXT = Map.of("tollgate.a", "context", "tollgate.b", "context",
            "tollgate.c", "context");

    @Test
    void prefersSystemPropertiesThenEnvironmentThenContextParameters() {
        SettingSource source = SettingSource.layered(SYSTEM, ENVIRONMENT, SettingSource.of(CONTEXT));
        assertEquals(Optional.of("system"), source.get("tollgate.a"));
        assertEquals(Optional.of("env"), source.get("tollgate.b"));
        assertEquals(Optional.of("context"), source.get("tollgate.c"));
        assertEquals(Optional.empty(), source.get("tollgate.d"));
    }

    @Test
    void namesEnvironmentVariablesInUpperCaseWithUnderscores() {
        assertEquals("TOLLGATE_ENCRYPTIONKEYS", SettingSource.environmentVariableName("tollgate.encryptionKeys"));
        assertEquals("TOLLGATE_TRANSACTION_MAXATTEMPTS",
                SettingSource.environmentVariableName("tollgate.transaction.maxAttempts"));
        assertEquals("TOLLGATE_PAGES_LOGIN", SettingSource.environmentVariableName("tollgate.pages.login"));
        assertEquals("TOLLGATE_SOME_DASHED_KEY", SettingSource.environmentVariableName("tollgate.some-dashed.key"));
    }

    @Test
    void readsEnvironmentVariablesUnderTheirOwnNamesOnly() {
        SettingSource environment = SettingSource.environment(
                Map.of("TOLLGATE_BASEPATH", "/x", "tollgate.basePath", "/wrong"));
        assertEquals(Optional.of("/x"), environment.get("tollgate.basePath"));
        assertEquals(Optional.empty(), SettingSource.environment(Map.of("tollgate.basePath", "/y"))
                .get("tollgate.basePath"));
    }

    @Test
    void letsAnEmptyValueHideTheLayersBelow() {
        // An empty value is a value: an operator can clear a list that the application's web.xml sets.
        SettingSource source = SettingSource.of(Map.of("tollgate.apiPaths", ""))
                .or(SettingSource.of(Map.of("tollgate.apiPaths", "/rest/*")));
        assertEquals(Optional.of(""), source.get("tollgate.apiPaths"));
    }

    @Test
    void definesNothingWhenEmpty() {
        assertEquals(Optional.empty(), SettingSource.empty().get("tollgate.policy"));
        assertEquals(Optional.of("v"), SettingSource.empty().or(key -> Optional.of("v")).get("tollgate.policy"));
    }
}
