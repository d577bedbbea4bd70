package dev.tollgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.crypto.SecretDecryptionException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OLD_SPEC = KeyRing.generateKeySpec("2024a", RANDOM);
    private static final String NEW_SPEC = KeyRing.generateKeySpec("2025b", RANDOM);
    private static final KeyRing OLD = KeyRing.parse(OLD_SPEC);
    private static final KeyRing ROTATED = KeyRing.parse(NEW_SPEC + "," + OLD_SPEC);

    /** A recognisable plaintext, so that a test can check it never appears in a message. */
    private static final byte[] SECRET = "JBSWY3DPEHPK3PXP-a-totp-secret".getBytes(StandardCharsets.US_ASCII);
    private static final String AAD = "factor:42";

    private static final Pattern TOKEN_SHAPE =
            Pattern.compile("tg1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}");

    @Test
    void roundTripsASecret() {
        String token = OLD.encrypt(SECRET, AAD);
        assertArrayEquals(SECRET, OLD.decrypt(token, AAD));
    }

    @Test
    void roundTripsEmptyAndLongPlaintexts() {
        for (int length : new int[] {0, 1, 16, 20, 64, 1000}) {
            byte[] plaintext = new byte[length];
            RANDOM.nextBytes(plaintext);
            assertArrayEquals(plaintext, ROTATED.decrypt(ROTATED.encrypt(plaintext, AAD), AAD));
        }
    }

    @Test
    void writesTheDocumentedTokenFormat() {
        String token = ROTATED.encrypt(new byte[20], AAD);
        assertTrue(TOKEN_SHAPE.matcher(token).matches(), token);
        assertTrue(token.startsWith("tg1.2025b."), token);
        String[] parts = token.split("\\.");
        assertEquals(12, Base64.getUrlDecoder().decode(parts[2]).length);
        assertEquals(20 + 16, Base64.getUrlDecoder().decode(parts[3]).length, "ciphertext plus 128-bit tag");
        assertEquals(75, token.length(), "the length the class Javadoc promises for 160 bits under a 5-char id");
    }

    @Test
    void encryptsTheSamePlaintextDifferentlyEveryTime() {
        Set<String> tokens = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = OLD.encrypt(SECRET, AAD);
            tokens.add(token);
            nonces.add(token.split("\\.")[2]);
        }
        assertEquals(100, tokens.size());
        assertEquals(100, nonces.size());
    }

    @Test
    void rejectsCiphertextUnderAnotherFactorsId() {
        String token = OLD.encrypt(SECRET, "factor:42");
        SecretDecryptionException e =
                assertThrows(SecretDecryptionException.class, () -> OLD.decrypt(token, "factor:43"));
        assertEquals(Reason.AUTHENTICATION_FAILED, e.reason());
        assertEquals("secret_decryption_failed", e.error());
        assertTrue(e.getMessage().contains("'2024a'"), e.getMessage());
        assertSecretFree(e, token);
    }

    @Test
    void rejectsCiphertextWithoutItsAssociatedData() {
        String token = OLD.encrypt(SECRET, AAD);
        assertThrows(SecretDecryptionException.class, () -> OLD.decrypt(token, ""));
    }

    @Test
    void rejectsEveryFlippedBitOfNonceAndCiphertext() {
        String token = OLD.encrypt(SECRET, AAD);
        String[] parts = token.split("\\.");
        for (int part = 2; part <= 3; part++) {
            byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[bit / 8] ^= (byte) (1 << bit % 8);
                String[] changed = parts.clone();
                changed[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
                String forged = String.join(".", changed);
                SecretDecryptionException e =
                        assertThrows(SecretDecryptionException.class, () -> OLD.decrypt(forged, AAD));
                assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), "part " + part + " bit " + bit);
            }
        }
    }

    @Test
    void rejectsATruncatedTag() {
        String token = OLD.encrypt(SECRET, AAD);
        String[] parts = token.split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        byte[] shorter = Arrays.copyOf(ciphertext, ciphertext.length - 1);
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(shorter);
        SecretDecryptionException e = assertThrows(SecretDecryptionException.class,
                () -> OLD.decrypt(String.join(".", parts), AAD));
        assertEquals(Reason.AUTHENTICATION_FAILED, e.reason());
    }

    @Test
    void rejectsATokenRelabelledWithAnotherKeyIdThatHasTheSameBytes() {
        // The key id is authenticated: renaming a key (same bytes, new id) cannot be used to move tokens around.
        String bytes = OLD_SPEC.substring(OLD_SPEC.indexOf(':') + 1);
        KeyRing twoNames = KeyRing.parse("renamed:" + bytes + ",2024a:" + bytes);
        String token = twoNames.encrypt(SECRET, AAD);
        String relabelled = token.replaceFirst("^tg1\\.renamed\\.", "tg1.2024a.");
        assertEquals(Reason.AUTHENTICATION_FAILED,
                assertThrows(SecretDecryptionException.class, () -> twoNames.decrypt(relabelled, AAD)).reason());
    }

    @Test
    void rejectsATokenWhoseKeyHasOtherBytesNow() {
        String token = OLD.encrypt(SECRET, AAD);
        KeyRing sameIdOtherBytes = KeyRing.parse(KeyRing.generateKeySpec("2024a", RANDOM));
        assertEquals(Reason.AUTHENTICATION_FAILED,
                assertThrows(SecretDecryptionException.class, () -> sameIdOtherBytes.decrypt(token, AAD)).reason());
    }

    @Test
    void namesTheMissingKeyIdAndSaysToKeepItConfigured() {
        String token = OLD.encrypt(SECRET, AAD);
        KeyRing withoutOld = KeyRing.parse(NEW_SPEC);
        SecretDecryptionException e =
                assertThrows(SecretDecryptionException.class, () -> withoutOld.decrypt(token, AAD));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertTrue(e.getMessage().contains("'2024a'"), e.getMessage());
        assertTrue(e.getMessage().contains("missing from the key ring"), e.getMessage());
        assertTrue(e.getMessage().contains("configured: 2025b"), e.getMessage());
        assertTrue(e.getMessage().contains("keep it configured until every secret encrypted with it has been"
                + " re-encrypted"), e.getMessage());
        assertSecretFree(e, token);
    }

    @Test
    void decryptsAnOldTokenAfterRotationAndSaysItNeedsRotation() {
        String oldToken = OLD.encrypt(SECRET, AAD);
        assertFalse(OLD.needsRotation(oldToken));

        assertEquals("2025b", ROTATED.activeKeyId());
        assertArrayEquals(SECRET, ROTATED.decrypt(oldToken, AAD));
        assertTrue(ROTATED.needsRotation(oldToken));

        String newToken = ROTATED.reencrypt(oldToken, AAD);
        assertTrue(newToken.startsWith("tg1.2025b."), newToken);
        assertFalse(ROTATED.needsRotation(newToken));
        assertArrayEquals(SECRET, ROTATED.decrypt(newToken, AAD));
        assertSame(newToken, ROTATED.reencrypt(newToken, AAD));
    }

    @Test
    void saysATokenUnderARemovedKeyNeedsRotation() {
        String oldToken = OLD.encrypt(SECRET, AAD);
        assertTrue(KeyRing.parse(NEW_SPEC).needsRotation(oldToken));
    }

    @Test
    void encryptsWithTheFirstKeyOfTheSpec() {
        assertEquals("2025b", ROTATED.activeKeyId());
        assertEquals(List.of("2025b", "2024a"), ROTATED.keyIds());
        assertTrue(ROTATED.encrypt(SECRET, AAD).startsWith("tg1.2025b."));
        assertEquals("2024a", KeyRing.parse(OLD_SPEC + " , " + NEW_SPEC).activeKeyId());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "",                                                    // empty column
        "JBSWY3DPEHPK3PXP",                                    // a plaintext secret from before encryption
        "tg2.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",   // unknown version
        "TG1.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",   // prefix is case-sensitive
        "tg1",                                                 // missing parts
        "tg1.2024a",
        "tg1.2024a.AAAAAAAAAAAAAAAA",
        "tg1.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.x", // too many parts
        "tg1..AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",        // empty key id
        "tg1.20:24.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",   // bad key id
        "tg1.2024a.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",       // nonce of 9 bytes
        "tg1.2024a.AAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", // nonce of 15 bytes
        "tg1.2024a..AAAAAAAAAAAAAAAAAAAAAA",                   // empty nonce
        "tg1.2024a.AAAA+AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",   // standard Base64 in the nonce
        "tg1.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==", // padding
        "tg1.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAB",   // stray low bits: a second spelling
        "tg1.2024a.AAAAAAAAAAAAAAAA.A",                        // impossible Base64 length
        "tg1.2024a.AAAAAAAAAAAAAAAA.",                         // no ciphertext
        "tg1.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAA",     // 15 bytes: shorter than the tag
        "tg1.2024a.AAAAAAAAAAAAAAAA.AAAA AAAAAAAAAAAAAAAAA",   // a space
    })
    void refusesMalformedTokensWithAClearError(String token) {
        SecretDecryptionException e = assertThrows(SecretDecryptionException.class, () -> OLD.decrypt(token, AAD));
        assertEquals(Reason.MALFORMED_TOKEN, e.reason());
        assertTrue(e.getMessage().startsWith("the stored secret is not a Tollgate encryption token: "),
                e.getMessage());
        assertThrows(SecretDecryptionException.class, () -> OLD.needsRotation(token));
        if (token.length() > "tg1.".length()) {
            assertFalse(e.getMessage().contains(token), "the value is not repeated: it may be a plaintext secret");
        }
    }

    @Test
    void saysWhatIsWrongWithAMalformedToken() {
        assertMalformed("JBSWY3DPEHPK3PXP", "does not start with 'tg1.'");
        assertMalformed("tg1.2024a.AAAAAAAAAAAAAAAA", "3 dot-separated parts instead of 4");
        assertMalformed("tg1.2024a.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "nonce is 9 bytes instead of 12");
        assertMalformed("tg1.2024a.AAAA+AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "nonce is not unpadded URL-safe");
        assertMalformed("tg1.2024a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAA", "shorter than the 16-byte");
    }

    private static void assertMalformed(String token, String problem) {
        String message = assertThrows(SecretDecryptionException.class, () -> OLD.decrypt(token, AAD)).getMessage();
        assertTrue(message.contains(problem), message);
    }

    @Test
    void refusesAnEmptyRing() {
        for (String spec : new String[] {"", "   "}) {
            KeySpecException e = assertThrows(KeySpecException.class, () -> KeyRing.parse(spec));
            assertTrue(e.getMessage().startsWith("key ring is empty"), e.getMessage());
        }
        assertThrows(KeySpecException.class, () -> KeyRing.of(List.of(), RANDOM));
    }

    @Test
    void refusesDuplicateIds() {
        String other = KeyRing.generateKeySpec("2024a", RANDOM);
        KeySpecException e = assertThrows(KeySpecException.class, () -> KeyRing.parse(OLD_SPEC + "," + other));
        assertTrue(e.getMessage().contains("'2024a' twice"), e.getMessage());
    }

    @Test
    void namesTheBadEntryByPosition() {
        KeySpecException e = assertThrows(KeySpecException.class,
                () -> KeyRing.parse(NEW_SPEC + ",2024a:AAAA"));
        assertTrue(e.getMessage().startsWith("key ring entry 2 of 2: encryption key '2024a' must be 256 bits"),
                e.getMessage());

        e = assertThrows(KeySpecException.class, () -> KeyRing.parse(NEW_SPEC + ","));
        assertTrue(e.getMessage().contains("entry 2 of 2 is empty"), e.getMessage());
    }

    @Test
    void neverShowsKeyMaterialInToStringOrErrors() {
        String newKey = NEW_SPEC.substring(NEW_SPEC.indexOf(':') + 1);
        String oldKey = OLD_SPEC.substring(OLD_SPEC.indexOf(':') + 1);
        assertEquals("KeyRing[active=2025b, keys=[2025b, 2024a]]", ROTATED.toString());

        KeySpecException e = assertThrows(KeySpecException.class,
                () -> KeyRing.parse(NEW_SPEC + "," + oldKey.substring(0, 20) + "*" + oldKey.substring(20)));
        assertFalse(e.getMessage().contains(oldKey.substring(0, 8)), e.getMessage());
        assertFalse(e.getMessage().contains(newKey.substring(0, 8)), e.getMessage());
    }

    @Test
    void generatesKeySpecsThatParse() {
        String spec = KeyRing.generateKeySpec(RANDOM);
        assertTrue(spec.matches("k[0-9a-f]{8}:[A-Za-z0-9+/]{43}="), spec);
        KeyRing ring = KeyRing.parse(spec);
        assertEquals(spec.substring(0, 9), ring.activeKeyId());
        assertNotEquals(spec, KeyRing.generateKeySpec(RANDOM));
    }

    private static void assertSecretFree(Exception e, String token) {
        String message = e.getMessage();
        assertFalse(message.contains(new String(SECRET, StandardCharsets.US_ASCII)), message);
        assertFalse(message.contains("JBSWY3DP"), message);
        assertFalse(message.contains(token.split("\\.")[3]), message);
        for (String spec : new String[] {OLD_SPEC, NEW_SPEC}) {
            assertFalse(message.contains(spec.substring(spec.indexOf(':') + 1, spec.indexOf(':') + 9)), message);
        }
    }

    @org.junit.jupiter.api.Test
    void derivesDistinctSubKeysPerPurposeAndKey() {
        KeyRing ring = KeyRing.parse("b:" + "B".repeat(43) + ",a:" + "A".repeat(43));
        java.util.Map<String, byte[]> hashing = ring.derivedKeys("recovery-code-hash");
        java.util.Map<String, byte[]> other = ring.derivedKeys("something-else");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(hashing.keySet()));
        org.junit.jupiter.api.Assertions.assertEquals(32, hashing.get("b").length);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(hashing.get("a"), hashing.get("b")));
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(hashing.get("a"), other.get("a")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(hashing.get("a"),
                KeyRing.parse("a:" + "A".repeat(43)).derivedKeys("recovery-code-hash").get("a"));
    }
}
