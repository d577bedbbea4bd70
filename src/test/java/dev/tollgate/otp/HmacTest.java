package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HmacTest {

    /** Keys shorter than, as long as and longer than the block (RFC 2104 section 2 hashes those first). */
    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void computesWhatTheJavaRuntimesMacComputesForEveryKeyLength(HashAlgorithm algorithm) throws Exception {
        Random random = new Random(42); // reproducible inputs; nothing secret here
        MessageDigest prototype = Hmac.prototype(algorithm);
        for (int keyLength = 1; keyLength <= 200; keyLength++) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Hmac hmac = Hmac.keyed(prototype, algorithm, key);
            Mac reference = Mac.getInstance(algorithm.jcaName());
            reference.init(new SecretKeySpec(key, algorithm.jcaName()));
            byte[] output = new byte[hmac.length()];
            for (int messageLength : new int[] {0, 8, 100}) {
                byte[] message = new byte[messageLength];
                random.nextBytes(message);
                hmac.compute(message, output);
                assertArrayEquals(reference.doFinal(message), output,
                        algorithm + " with a key of " + keyLength + " bytes, message of " + messageLength);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void leavesTheKeyAndThePrototypeUntouched(HashAlgorithm algorithm) throws Exception {
        MessageDigest prototype = Hmac.prototype(algorithm);
        byte[] key = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] before = key.clone();
        Hmac first = Hmac.keyed(prototype, algorithm, key);
        Hmac second = Hmac.keyed(prototype, algorithm, key);
        byte[] a = new byte[first.length()];
        byte[] b = new byte[second.length()];
        first.compute(new byte[8], a);
        first.compute(new byte[8], a); // the same key state serves many messages
        second.compute(new byte[8], b);
        assertArrayEquals(before, key);
        assertArrayEquals(a, b);
        assertArrayEquals(MessageDigest.getInstance(prototype.getAlgorithm()).digest(), prototype.digest(),
                "the prototype must still be an unused engine");
        assertEquals(prototype.getDigestLength(), first.length());
    }
}
