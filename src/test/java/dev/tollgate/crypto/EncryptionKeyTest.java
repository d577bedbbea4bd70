package dev.tollgate.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionKeyTest {

    /** 32 bytes whose standard Base64 has both '+' and '/', so that the two alphabets differ. */
    private static final byte[] KEY_BYTES = new byte[32];

    static {
        for (int i = 0; i < KEY_BYTES.length; i++) {
            KEY_BYTES[i] = (byte) (0xFB + i * 7);
        }
    }

    private static final String STANDARD = Base64.getEncoder().encodeToString(KEY_BYTES);
    private static final String URL_SAFE = Base64.getUrlEncoder().withoutPadding().encodeToString(KEY_BYTES);

    @Test
    void readsStandardAndUrlSafeBase64AsTheSameKey() {
        assertTrue(STANDARD.contains("+") || STANDARD.contains("/"), "fixture must exercise the alphabets");
        EncryptionKey standard = EncryptionKey.parse("2025b:" + STANDARD);
        EncryptionKey urlSafe = EncryptionKey.parse("2025b:" + URL_SAFE);
        EncryptionKey unpadded = EncryptionKey.parse("2025b:" + STANDARD.replace("=", ""));

        assertEquals("2025b", standard.id());
        assertEquals(256, standard.bits());
        assertEquals(standard, urlSafe);
        assertEquals(standard, unpadded);
    }

    @ParameterizedTest(name = "{0} bytes make AES-{1}")
    @CsvSource({"16, 128", "24, 192", "32, 256"})
    void acceptsEveryAesKeyLength(int bytes, int bits) {
        String spec = "k:" + Base64.getEncoder().encodeToString(new byte[bytes]);
        assertEquals(bits, EncryptionKey.parse(spec).bits());
    }

    @Test
    void ignoresSpacesAroundIdAndKey() {
        assertEquals(EncryptionKey.parse("2025b:" + STANDARD), EncryptionKey.parse("  2025b : " + STANDARD + " "));
    }

    @Test
    void writesTheSpecItReads() {
        EncryptionKey key = EncryptionKey.generate("2025-06-01", new SecureRandom());
        assertEquals(key, EncryptionKey.parse(key.toSpec()));
        assertTrue(key.toSpec().startsWith("2025-06-01:"));
    }

    @ParameterizedTest(name = "{0} bytes are refused")
    @ValueSource(ints = {0, 1, 15, 17, 20, 31, 33, 64})
    void refusesKeysThatAreNotAesLengths(int bytes) {
        String spec = "2025b:" + Base64.getEncoder().encodeToString(new byte[bytes]);
        KeySpecException e = assertThrows(KeySpecException.class, () -> EncryptionKey.parse(spec));
        assertTrue(e.getMessage().contains("'2025b'"), e.getMessage());
        if (bytes > 0) {
            assertTrue(e.getMessage().contains(bytes * 8 + " bits"), e.getMessage());
            assertTrue(e.getMessage().contains("256 bits"), e.getMessage());
        }
        assertEquals("invalid_key_spec", e.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not*base64", "abc def", "QUJD!", "A", "ab+c-d"})
    void refusesWhatIsNotBase64WithoutRepeatingIt(String text) {
        KeySpecException e = assertThrows(KeySpecException.class, () -> EncryptionKey.parse("2025b:" + text));
        assertTrue(e.getMessage().contains("'2025b'") && e.getMessage().contains("Base64"), e.getMessage());
        assertFalse(e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest(name = "id \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''                                  | it is empty",
        "2025.b                              | '.' at position 5",
        "key one                             | ' ' at position 4",
        "schlüssel                           | 'ü' at position 5",
        "abcdefghijabcdefghijabcdefghijabc   | 33 characters long",
    })
    void refusesBadIdsNamingTheProblem(String id, String problem) {
        KeySpecException e = assertThrows(KeySpecException.class, () -> EncryptionKey.parse(id + ":" + STANDARD));
        assertTrue(e.getMessage().startsWith("encryption key id"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void acceptsAnIdOfThirtyTwoCharacters() {
        String id = "abcdefghij_ABCDEFGHIJ-0123456789";
        assertEquals(id, EncryptionKey.parse(id + ":" + STANDARD).id());
    }

    @Test
    void refusesAnEntryWithoutColonWithoutRepeatingIt() {
        KeySpecException e = assertThrows(KeySpecException.class, () -> EncryptionKey.parse(STANDARD));
        assertTrue(e.getMessage().contains("id:base64"), e.getMessage());
        assertFalse(e.getMessage().contains(STANDARD.substring(0, 8)), e.getMessage());
    }

    @Test
    void refusesAnEmptyKey() {
        KeySpecException e = assertThrows(KeySpecException.class, () -> EncryptionKey.parse("2025b:"));
        assertTrue(e.getMessage().contains("nothing after ':'"), e.getMessage());
    }

    @Test
    void neverShowsKeyBytesInToString() {
        EncryptionKey key = EncryptionKey.parse("2025b:" + STANDARD);
        String text = key.toString();
        assertEquals("EncryptionKey[id=2025b, 256 bits, redacted]", text);
        assertFalse(text.contains(STANDARD.substring(0, 6)));
        assertFalse(text.contains(URL_SAFE.substring(0, 6)));
    }

    @Test
    void equalsComparesIdAndBytes() {
        EncryptionKey key = EncryptionKey.of("a", KEY_BYTES);
        assertEquals(key, EncryptionKey.of("a", KEY_BYTES.clone()));
        assertNotEquals(key, EncryptionKey.of("b", KEY_BYTES));
        assertNotEquals(key, EncryptionKey.of("a", new byte[32]));
    }

    @Test
    void copiesTheBytesItIsGiven() {
        byte[] bytes = KEY_BYTES.clone();
        EncryptionKey key = EncryptionKey.of("a", bytes);
        bytes[0] ^= 1;
        assertEquals(EncryptionKey.of("a", KEY_BYTES), key);
    }
}
