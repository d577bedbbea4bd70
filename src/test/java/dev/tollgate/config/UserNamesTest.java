package dev.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserNamesTest {

    private static final String KEYS = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private static TollgateSettings read(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(TollgateSettings.ENCRYPTION_KEYS, KEYS);
        return TollgateSettings.read(SettingSource.of(all), "Test");
    }

    @Test
    void keysAccountsByTheExactCallerNameUnlessTheStoreIgnoresCase() {
        assertEquals(UserNames.EXACT, read(Map.of()).userNames());
        assertEquals("ALICE", UserNames.EXACT.key("ALICE"));

        UserNames ignoring = read(Map.of("tollgate.userNames", "ignore-case")).userNames();
        assertEquals("alice", ignoring.key("ALICE"));
        assertEquals("istanbul", ignoring.key("ISTANBUL"), "Locale.ROOT: no Turkish dotless i");
    }

    @Test
    void refusesAnUnknownValueNamingTheSetting() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> read(Map.of("tollgate.userNames", "lower")));
        assertTrue(e.getMessage().startsWith("tollgate.userNames is 'lower'"), e.getMessage());
    }

    @Test
    void readsTheThrottleDefaultsAndRefusesANegativeLimit() {
        assertEquals(ThrottleSettings.DEFAULT, read(Map.of()).loginThrottle());
        assertEquals(3, read(Map.of(ThrottleSettings.PER_ACCOUNT_AND_ADDRESS, "3")).loginThrottle()
                .perAccountAndAddress());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> read(Map.of(ThrottleSettings.PER_ACCOUNT, "-1")));
        assertTrue(e.getMessage().startsWith("tollgate.loginThrottle.perAccount is '-1'"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> read(Map.of(ThrottleSettings.DELAY, "soon")));
        assertTrue(e.getMessage().startsWith("tollgate.loginThrottle.delay is 'soon'"), e.getMessage());
    }
}
