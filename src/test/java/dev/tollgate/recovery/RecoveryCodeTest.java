package dev.tollgate.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodeTest {

    private static final byte[] KEY_A = new byte[32];
    private static final byte[] KEY_B = new byte[32];

    static {
        KEY_B[0] = 1;
    }

    @Test
    void hasAtLeastFiftyBitsOfEntropy() {
        double bits = RecoveryCode.LENGTH * Math.log(RecoveryCode.ALPHABET.length()) / Math.log(2);
        assertTrue(bits >= 50, "bits: " + bits);
        assertEquals(30, RecoveryCode.ALPHABET.chars().distinct().count());
        for (char lookalike : "01ilou".toCharArray()) {
            assertFalse(RecoveryCode.ALPHABET.indexOf(lookalike) >= 0, "look-alike " + lookalike);
        }
    }

    @Test
    void generatesReadableDistinctCodes() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String display = RecoveryCode.generate(random).display();
            assertTrue(display.matches("[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}"), display);
            assertTrue(seen.add(display));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"7kq4-m9xt-2hcw", "7KQ4-M9XT-2HCW", " 7kq4 m9xt 2hcw ", "7kq4m9xt2hcw"})
    void readsTheCodeAsPeopleTypeIt(String typed) {
        assertEquals("7kq4-m9xt-2hcw", RecoveryCode.parse(typed).display());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7kq4-m9xt-2hc", "7kq4-m9xt-2hcww", "7kq4-m9xt-2hc0", "7kq4-m9xt-2hcö",
        "'; DROP TABLE x; --", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0662\u0663\u0664"})
    void refusesWhatIsNoRecoveryCode(String typed) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RecoveryCode.parse(typed));
        assertFalse(e.getMessage().contains(typed.isBlank() ? "\u0000" : typed), e.getMessage());
    }

    @Test
    void neverShowsItselfInToString() {
        RecoveryCode code = RecoveryCode.parse("7kq4-m9xt-2hcw");
        assertFalse(code.toString().contains("7kq4"));
    }

    @Test
    void hashMatchesOnlyItsCode() {
        RecoveryCodeHasher hasher = new RecoveryCodeHasher("a", Map.of("a", KEY_A));
        RecoveryCode code = RecoveryCode.parse("7kq4-m9xt-2hcw");
        String stored = hasher.hash(code);
        assertTrue(stored.startsWith("a:"));
        assertFalse(stored.contains("7kq4"));
        assertTrue(hasher.matches(RecoveryCode.parse("7KQ4 M9XT 2HCW"), stored));
        assertFalse(hasher.matches(RecoveryCode.parse("7kq4-m9xt-2hcx"), stored));
        assertFalse(hasher.matches(code, null));
        assertFalse(hasher.matches(code, "garbage"));
    }

    @Test
    void hashesDependOnTheServerKeyAndSurviveRotation() {
        RecoveryCode code = RecoveryCode.parse("7kq4-m9xt-2hcw");
        String underA = new RecoveryCodeHasher("a", Map.of("a", KEY_A)).hash(code);
        RecoveryCodeHasher rotated = new RecoveryCodeHasher("b", Map.of("a", KEY_A, "b", KEY_B));
        assertTrue(rotated.matches(code, underA));
        assertTrue(rotated.hash(code).startsWith("b:"));
        assertFalse(new RecoveryCodeHasher("b", Map.of("b", KEY_B)).matches(code, underA));
        assertFalse(underA.substring(2).equals(rotated.hash(code).substring(2)));
    }
}
