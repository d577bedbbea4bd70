package dev.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.config.TollgateSettings.Pages;
import dev.tollgate.policy.GracePeriod;
import dev.tollgate.policy.MfaPolicy.Mode;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.crypto.KeySpecException;
import dev.tollgate.store.TollgatePersistence.SchemaGeneration;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TollgateSettingsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = KeyRing.generateKeySpec("2025b", RANDOM);
    private static final String OLD_KEY = KeyRing.generateKeySpec("2024a", RANDOM);
    private static final String KEY_MATERIAL = KEY.substring(KEY.indexOf(':') + 1);

    private static TollgateSettings read(Map<String, String> values) {
        Map<String, String> withKey = new HashMap<>(values);
        withKey.putIfAbsent(TollgateSettings.ENCRYPTION_KEYS, KEY);
        return TollgateSettings.read(SettingSource.of(withKey), "ACME");
    }

    private static ConfigurationException refused(Map<String, String> values) {
        return assertThrows(ConfigurationException.class, () -> read(values));
    }

    @Test
    void appliesTheDocumentedDefaults() {
        TollgateSettings settings = read(Map.of());

        assertEquals(Mode.OPTIONAL, settings.policy());
        assertEquals(Set.of(), settings.policyRoles());
        assertEquals("/mfa", settings.basePath());
        assertEquals(UrlPatterns.NONE, settings.stepUpPaths());
        assertEquals(UrlPatterns.NONE, settings.publicPaths());
        assertEquals(UrlPatterns.of("/api/*"), settings.apiPaths());
        assertEquals("ACME", settings.issuer());
        assertEquals("2025b", settings.encryptionKeys().activeKeyId());
        assertEquals(Duration.ofMinutes(5), settings.transactionTtl());
        assertEquals(5, settings.transactionMaxAttempts());
        assertEquals(1, settings.totpWindow());
        assertEquals(160, settings.totpSecretBits());
        assertEquals("java:comp/DefaultDataSource", settings.dataSource());
        assertEquals(SchemaGeneration.MIGRATE, settings.schemaGeneration());
        assertEquals(Pages.NONE, settings.pages());
    }

    @Test
    void readsEverySetting() {
        Map<String, String> values = new HashMap<>();
        values.put("tollgate.policy", " Roles ");
        values.put("tollgate.policy.roles", "admin, finance ,admin");
        values.put("tollgate.basePath", "/security/2fa");
        values.put("tollgate.stepUpPaths", "/admin/*, *.do");
        values.put("tollgate.publicPaths", "/static/*,/favicon.ico");
        values.put("tollgate.apiPaths", "/rest/*");
        values.put("tollgate.issuer", "ACME Payroll");
        values.put("tollgate.encryptionKeys", KEY + ", " + OLD_KEY);
        values.put("tollgate.transaction.ttl", "PT90S");
        values.put("tollgate.transaction.maxAttempts", "20");
        values.put("tollgate.totp.window", "0");
        values.put("tollgate.totp.secretBits", "256");
        values.put("tollgate.dataSource", "java:app/jdbc/payroll");
        values.put("tollgate.schemaGeneration", "none");
        values.put("tollgate.pages.login", "/login.xhtml");
        values.put("tollgate.pages.challenge", "/mfa/code.xhtml?mode=totp");
        values.put("tollgate.pages.enroll", "");
        values.put("tollgate.pages.factors", "/account/security");

        TollgateSettings settings = read(values);

        assertEquals(Mode.ROLES, settings.policy());
        assertEquals(List.of("admin", "finance"), List.copyOf(settings.policyRoles()));
        assertEquals("/security/2fa", settings.basePath());
        assertTrue(settings.stepUpPaths().matches("/x.do"));
        assertTrue(settings.publicPaths().matches("/favicon.ico"));
        assertEquals(UrlPatterns.of("/rest/*"), settings.apiPaths());
        assertEquals("ACME Payroll", settings.issuer());
        assertEquals(List.of("2025b", "2024a"), settings.encryptionKeys().keyIds());
        assertEquals(Duration.ofSeconds(90), settings.transactionTtl());
        assertEquals(20, settings.transactionMaxAttempts());
        assertEquals(0, settings.totpWindow());
        assertEquals(256, settings.totpSecretBits());
        assertEquals("java:app/jdbc/payroll", settings.dataSource());
        assertEquals(SchemaGeneration.NONE, settings.schemaGeneration());
        assertEquals(new Pages(Optional.of("/login.xhtml"), Optional.of("/mfa/code.xhtml?mode=totp"),
                Optional.empty(), Optional.of("/account/security")), settings.pages());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30, PT30S", "300, PT5M", "3600, PT1H", "PT30S, PT30S", "pt1h, PT1H", "PT2M30S, PT2M30S"})
    void readsTheTtlAsSecondsOrIsoDuration(String text, Duration expected) {
        assertEquals(expected, read(Map.of("tollgate.transaction.ttl", text)).transactionTtl());
    }

    @Test
    void prefersSystemPropertyThenEnvironmentThenContextParameter() {
        Map<String, String> system = Map.of("tollgate.basePath", "/from-system");
        Map<String, String> environment = Map.of("TOLLGATE_BASEPATH", "/from-env", "TOLLGATE_ISSUER", "Env Corp",
                "TOLLGATE_ENCRYPTIONKEYS", KEY);
        Map<String, String> context = Map.of("tollgate.basePath", "/from-context", "tollgate.issuer", "Ctx Corp",
                "tollgate.policy", "required");

        TollgateSettings settings = TollgateSettings.read(
                SettingSource.layered(system, environment, SettingSource.of(context)), "Fallback");

        assertEquals("/from-system", settings.basePath());
        assertEquals("Env Corp", settings.issuer());
        assertEquals(Mode.REQUIRED, settings.policy());
        assertEquals("2025b", settings.encryptionKeys().activeKeyId());
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "tollgate.policy                    | mandatory",
        "tollgate.policy                    | ''",
        "tollgate.policy.roles              | admin,,ops",
        "tollgate.basePath                  | mfa",
        "tollgate.basePath                  | /mfa/",
        "tollgate.basePath                  | /",
        "tollgate.basePath                  | ''",
        "tollgate.basePath                  | /a/../b",
        "tollgate.basePath                  | /..",
        "tollgate.basePath                  | /a/.",
        "tollgate.basePath                  | /mfa//x",
        "tollgate.basePath                  | /m fa",
        "tollgate.basePath                  | /mfa?x",
        "tollgate.stepUpPaths               | /admin*",
        "tollgate.stepUpPaths               | /admin/*,",
        "tollgate.publicPaths               | static/*",
        "tollgate.apiPaths                  | *.",
        "tollgate.issuer                    | ACME:Corp",
        "tollgate.issuer                    | ''",
        "tollgate.transaction.ttl           | 5 minutes",
        "tollgate.transaction.ttl           | 29",
        "tollgate.transaction.ttl           | PT29S",
        "tollgate.transaction.ttl           | 3601",
        "tollgate.transaction.ttl           | PT61M",
        "tollgate.transaction.ttl           | -PT5M",
        "tollgate.transaction.ttl           | -300",
        "tollgate.transaction.ttl           | ''",
        "tollgate.transaction.ttl           | 99999999999999999999",
        "tollgate.transaction.maxAttempts   | 0",
        "tollgate.transaction.maxAttempts   | 21",
        "tollgate.transaction.maxAttempts   | five",
        "tollgate.transaction.maxAttempts   | 2.5",
        "tollgate.transaction.maxAttempts   | 99999999999",
        "tollgate.totp.window               | -1",
        "tollgate.totp.window               | 11",
        "tollgate.totp.secretBits           | 120",
        "tollgate.totp.secretBits           | 520",
        "tollgate.totp.secretBits           | 161",
        "tollgate.totp.secretBits           | ''",
        "tollgate.dataSource                | ''",
        "tollgate.schemaGeneration          | drop-and-create",
        "tollgate.schemaGeneration          | create_or_extend_tables",
        "tollgate.pages.login               | login.xhtml",
        "tollgate.pages.login               | //evil.example/login",
        "tollgate.pages.login               | /\\evil.example",
        "tollgate.pages.challenge           | /a/../challenge",
        "tollgate.pages.enroll              | /en roll",
        "tollgate.pages.factors             | https://evil.example/",
    })
    void namesTheSettingAndTheValueInEveryValidationError(String key, String value) {
        ConfigurationException e = refused(Map.of(key, value));
        assertTrue(e.getMessage().startsWith(key + " is '" + value + "'; "), e.getMessage());
        assertEquals("configuration_error", e.error());
    }

    @Test
    void saysWhatIsAllowed() {
        assertEquals("tollgate.policy is 'mandatory'; allowed: optional, required, roles (default optional)",
                refused(Map.of("tollgate.policy", "mandatory")).getMessage());
        assertEquals("tollgate.transaction.maxAttempts is '21'; allowed: a whole number from 1 to 20 (default 5)",
                refused(Map.of("tollgate.transaction.maxAttempts", "21")).getMessage());
        assertTrue(refused(Map.of("tollgate.transaction.ttl", "2h")).getMessage()
                .contains("from 30 seconds (PT30S) to 1 hour (PT1H)"));
        assertTrue(refused(Map.of("tollgate.stepUpPaths", "/admin*")).getMessage()
                .startsWith("tollgate.stepUpPaths is '/admin*'; URL pattern '/admin*' is malformed: "));
    }

    @Test
    void requiresRolesWhenThePolicyIsRoles() {
        ConfigurationException e = refused(Map.of("tollgate.policy", "roles"));
        assertTrue(e.getMessage().startsWith("tollgate.policy.roles is not set, but tollgate.policy is 'roles'"),
                e.getMessage());
        assertEquals(Set.of("ops"), read(Map.of("tollgate.policy", "required", "tollgate.policy.roles", "ops"))
                .policyRoles(), "roles are kept but unused under another policy");
    }

    @Test
    void refusesToStartWithoutAnEncryptionKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TollgateSettings.read(SettingSource.empty(), "ACME"));
        assertTrue(e.getMessage().startsWith("tollgate.encryptionKeys is not set: "), e.getMessage());
        assertTrue(e.getMessage().contains("java -cp tollgate.jar dev.tollgate.crypto.KeyRing"), e.getMessage());
        assertTrue(e.getMessage().contains("context parameter tollgate.encryptionKeys"), e.getMessage());
        assertTrue(e.getMessage().contains("system property tollgate.encryptionKeys"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable TOLLGATE_ENCRYPTIONKEYS"), e.getMessage());
    }

    @Test
    void refusesAnEmptyEncryptionKeySetting() {
        ConfigurationException e = refused(Map.of("tollgate.encryptionKeys", "  "));
        assertTrue(e.getMessage().startsWith("tollgate.encryptionKeys is set but empty: "), e.getMessage());
    }

    @Test
    void namesTheBadKeyRingEntryWithoutShowingKeyMaterial() {
        String badOld = "2024a:" + KEY_MATERIAL.substring(0, 20);
        ConfigurationException e = refused(Map.of("tollgate.encryptionKeys", KEY + "," + badOld));
        assertTrue(e.getMessage().startsWith("tollgate.encryptionKeys is invalid (value not shown: it holds keys): "
                + "key ring entry 2 of 2: encryption key '2024a' must be 256 bits"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_MATERIAL.substring(0, 8)), e.getMessage());
        assertTrue(e.getCause() instanceof KeySpecException);

        ConfigurationException duplicate = refused(Map.of("tollgate.encryptionKeys", KEY + "," + KEY));
        assertTrue(duplicate.getMessage().contains("'2025b' twice"), duplicate.getMessage());
        assertFalse(duplicate.getMessage().contains(KEY_MATERIAL.substring(0, 8)), duplicate.getMessage());
    }

    @Test
    void usesTheIssuerFallbackOnlyWhenTheSettingIsAbsent() {
        assertEquals("ACME", read(Map.of()).issuer());
        assertEquals("Other", read(Map.of("tollgate.issuer", " Other ")).issuer());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TollgateSettings.read(SettingSource.of(Map.of("tollgate.encryptionKeys", KEY)), "A:B"));
        assertTrue(e.getMessage().startsWith("tollgate.issuer is not set, and the fallback 'A:B' is not usable"),
                e.getMessage());
    }

    @Test
    void letsAnEmptyListClearTheDefault() {
        assertTrue(read(Map.of("tollgate.apiPaths", "")).apiPaths().isEmpty());
    }

    @Test
    void neverShowsKeyMaterialInToString() {
        String text = read(Map.of("tollgate.encryptionKeys", KEY + "," + OLD_KEY)).toString();
        assertTrue(text.contains("KeyRing[active=2025b, keys=[2025b, 2024a]]"), text);
        assertFalse(text.contains(KEY_MATERIAL.substring(0, 8)), text);
        assertFalse(text.contains(OLD_KEY.substring(OLD_KEY.indexOf(':') + 1, OLD_KEY.indexOf(':') + 9)), text);
    }

    @Test
    void appliesTheSameRulesToSnapshotsBuiltInCode() {
        TollgateSettings valid = read(Map.of());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new TollgateSettings(
                valid.policy(), valid.policyRoles(), valid.basePath(), valid.stepUpPaths(), valid.publicPaths(),
                valid.apiPaths(), valid.issuer(), valid.encryptionKeys(), valid.transactionTtl(), 0,
                valid.totpWindow(), valid.totpSecretBits(), valid.dataSource(), valid.schemaGeneration(),
                valid.pages(), valid.limits(), valid.grace(), valid.adminRole(), valid.webauthn(), valid.freshness(),
                valid.loginThrottle(), valid.userNames()));
        assertTrue(e.getMessage().startsWith("tollgate.transaction.maxAttempts is '0'"), e.getMessage());

        e = assertThrows(ConfigurationException.class, () -> new TollgateSettings(
                Mode.ROLES, Set.of(), valid.basePath(), valid.stepUpPaths(), valid.publicPaths(),
                valid.apiPaths(), valid.issuer(), valid.encryptionKeys(), Duration.ofHours(2),
                valid.transactionMaxAttempts(), valid.totpWindow(), valid.totpSecretBits(), valid.dataSource(),
                valid.schemaGeneration(), valid.pages(), valid.limits(), valid.grace(), valid.adminRole(),
                valid.webauthn(), valid.freshness(), valid.loginThrottle(), valid.userNames()));
        assertTrue(e.getMessage().startsWith("tollgate.policy.roles is not set"), e.getMessage());

        e = assertThrows(ConfigurationException.class,
                () -> new Pages(Optional.of("//evil.example"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().startsWith("tollgate.pages.login is '//evil.example'"), e.getMessage());
    }

    @Test
    void writesEnumValuesAsTheSettingSpellsThem() {
        assertEquals("roles", Mode.ROLES.code());
        assertEquals("none", SchemaGeneration.NONE.settingValue());
        assertEquals("create-or-extend-tables", SchemaGeneration.CREATE_OR_EXTEND_TABLES.settingValue());
    }

    @Test
    void readsEverySchemaGenerationAsTheSettingSpellsIt() {
        for (SchemaGeneration value : SchemaGeneration.values()) {
            assertEquals(value, read(Map.of("tollgate.schemaGeneration", value.settingValue())).schemaGeneration());
        }
        assertEquals(SchemaGeneration.CREATE_OR_EXTEND_TABLES,
                read(Map.of("tollgate.schemaGeneration", " Create-Or-Extend-Tables ")).schemaGeneration());
        assertEquals("tollgate.schemaGeneration is 'create'; allowed: migrate, create-or-extend-tables, none"
                + " (default migrate)", refused(Map.of("tollgate.schemaGeneration", "create")).getMessage());
    }

    @Test
    void readsTheLimitsWithTheirDefaultsAndBounds() {
        assertEquals(TollgateSettings.Limits.DEFAULT, read(Map.of()).limits());
        TollgateSettings.Limits limits = read(Map.of("tollgate.lockout.threshold", "20",
                "tollgate.lockout.delay", "PT5M", "tollgate.recoveryCodes.count", "12")).limits();
        assertEquals(new TollgateSettings.Limits(20, Duration.ofMinutes(5), 12), limits);
        assertEquals(Duration.ofSeconds(90), read(Map.of("tollgate.lockout.delay", "90")).limits().lockoutDelay());
        for (Map<String, String> bad : java.util.List.of(Map.of("tollgate.lockout.threshold", "101"),
                Map.of("tollgate.lockout.threshold", "0"), Map.of("tollgate.lockout.delay", "PT2H"),
                Map.of("tollgate.lockout.delay", "soon"), Map.of("tollgate.recoveryCodes.count", "4"))) {
            String key = bad.keySet().iterator().next();
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(bad));
            assertTrue(e.getMessage().startsWith(key + " is '"), e.getMessage());
        }
    }

    @Test
    void readsTheGracePeriodAndTheAdministratorRole() {
        TollgateSettings defaults = read(Map.of());
        assertEquals(GracePeriod.NONE, defaults.grace());
        assertEquals(Optional.empty(), defaults.adminRole());
        TollgateSettings set = read(Map.of("tollgate.grace.signIns", "5", "tollgate.grace.days", "14",
                "tollgate.admin.role", "helpdesk"));
        assertEquals(new GracePeriod(5, 14), set.grace());
        assertEquals(Optional.of("helpdesk"), set.adminRole());
        assertEquals(Optional.empty(), read(Map.of("tollgate.admin.role", "")).adminRole(), "empty means none");
        for (Map<String, String> bad : java.util.List.of(Map.of("tollgate.grace.signIns", "-1"),
                Map.of("tollgate.grace.signIns", "1001"), Map.of("tollgate.grace.days", "366"),
                Map.of("tollgate.grace.days", "two weeks"), Map.of("tollgate.admin.role", "a,b"))) {
            String key = bad.keySet().iterator().next();
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(bad));
            assertTrue(e.getMessage().startsWith(key + " is '"), e.getMessage());
        }
    }

    /** Issue 12.11: {@code *.css} let a session waiting for its code reach {@code /api/reports/x.css}. */
    @Test
    void refusesPublicPathsThatAlsoMatchServlets() {
        for (String bad : java.util.List.of("*.css", "/css/*, *.js", "/", "/*")) {
            ConfigurationException e = refused(Map.of("tollgate.publicPaths", bad));
            assertTrue(e.getMessage().startsWith("tollgate.publicPaths is '"), e.getMessage());
            assertTrue(e.getMessage().contains("static resources"), e.getMessage());
        }
        assertTrue(refused(Map.of("tollgate.publicPaths", "*.css")).getMessage()
                .contains("/api/reports/x.css"), "the message shows what the pattern would also reach");
        assertTrue(read(Map.of("tollgate.publicPaths", "/css/*, /static/*, /favicon.ico")).publicPaths()
                .matches("/css/site.css"), "folders and files of static resources stay allowed");
        TollgateSettings valid = read(Map.of());
        assertThrows(ConfigurationException.class, () -> new TollgateSettings(valid.policy(), valid.policyRoles(),
                valid.basePath(), valid.stepUpPaths(), UrlPatterns.of("*.css"), valid.apiPaths(), valid.issuer(),
                valid.encryptionKeys(), valid.transactionTtl(), valid.transactionMaxAttempts(), valid.totpWindow(),
                valid.totpSecretBits(), valid.dataSource(), valid.schemaGeneration(), valid.pages(), valid.limits(),
                valid.grace(), valid.adminRole(), valid.webauthn(), valid.freshness(), valid.loginThrottle(), valid.userNames()), "also when the settings are built in code");
    }
}
