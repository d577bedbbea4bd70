package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

    @ParameterizedTest(name = "\"{0}\" encodes as {1}")
    @CsvSource({
        // RFC 4648 section 10, BASE32 test vectors (padding removed, as key URIs carry it)
        "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI",
    })
    void encodesTheRfc4648Vectors(String text, String base32) {
        Secret secret = Secret.fromBytes(text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(base32, secret.base32());
        assertEquals(secret, Secret.fromBase32(base32));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JBSWY3DPEHPK3PXP", "jbswy3dpehpk3pxp", "JBSW Y3DP EHPK 3PXP", "jbsw-y3dp-ehpk-3pxp",
        "  JBSWY3DPEHPK3PXP  ", "JbSwY3dPeHpK3pXp"})
    void toleratesCaseSpacesAndHyphens(String typed) {
        assertEquals("JBSWY3DPEHPK3PXP", Secret.fromBase32(typed).base32());
    }

    @Test
    void toleratesPresentAndMissingPadding() {
        assertEquals(Secret.fromBase32("MZXW6YQ="), Secret.fromBase32("MZXW6YQ"));
        assertEquals(Secret.fromBase32("MY======"), Secret.fromBase32("my"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JBSWY3DPEHPK3PX1", "JBSWY3DPEHPK3PX8", "JBSWY3DP0HPK3PXP", "JBSW_Y3DP", "JBSWÄY3DP",
        "M", "MZX", "MZXW6Y", "MY=A", "", "   ", "===="})
    void refusesWhatIsNotBase32(String text) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Secret.fromBase32(text));
        assertTrue(e.getMessage().startsWith("secret"), e.getMessage());
    }

    @Test
    void refusesImpossibleTrailingBits() {
        // "MZ" would be 'f' plus 2 stray bits: a mistyped secret, not a valid one
        assertThrows(InvalidRequestException.class, () -> Secret.fromBase32("MZ"));
    }

    @Test
    void roundTripsRandomSecretsOfEveryLength() {
        Random random = new Random(42);
        for (int length = 1; length <= 64; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Secret secret = Secret.fromBytes(bytes);
            assertArrayEquals(bytes, Secret.fromBase32(secret.base32()).bytes());
            assertArrayEquals(bytes, Secret.fromBase32(secret.base32().toLowerCase()).bytes());
            assertArrayEquals(bytes, Secret.fromBase32(secret.base32Grouped()).bytes());
        }
    }

    @Test
    void generatesOneHundredSixtyBitsByDefault() {
        Secret secret = Secret.generate(new SecureRandom());
        assertEquals(160, secret.bits());
        assertEquals(32, secret.base32().length());
    }

    @Test
    void generatesDistinctSecrets() {
        SecureRandom random = new SecureRandom();
        Set<Secret> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(Secret.generate(random)));
        }
    }

    @Test
    void generatesTheRequestedLength() {
        assertEquals(256, Secret.generate(new SecureRandom(), 256).bits());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 64, 120, 129, 2048})
    void refusesWeakOrOddGeneratedLengths(int bits) {
        assertThrows(InvalidRequestException.class, () -> Secret.generate(new SecureRandom(), bits));
    }

    @Test
    void groupsTheSecretInFours() {
        assertEquals("JBSW Y3DP EHPK 3PXP", Secret.fromBase32("JBSWY3DPEHPK3PXP").base32Grouped());
        assertEquals("MZXW 6YTB OI", Secret.fromBase32("MZXW6YTBOI").base32Grouped());
    }

    @Test
    void neverPrintsItsValue() {
        Secret secret = Secret.fromBase32("JBSWY3DPEHPK3PXP");
        assertFalse(secret.toString().contains("JBSW"));
        assertEquals("Secret[80 bits, redacted]", secret.toString());
    }

    @Test
    void copiesItsBytesInAndOut() {
        byte[] bytes = {1, 2, 3};
        Secret secret = Secret.fromBytes(bytes);
        bytes[0] = 9;
        secret.bytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, secret.bytes());
        assertNotEquals(Secret.fromBytes(bytes), secret);
    }
}
