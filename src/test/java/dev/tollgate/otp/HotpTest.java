package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HotpTest {

    /** RFC 4226 Appendix D: the ASCII secret "12345678901234567890". */
    private static final Secret RFC4226_SECRET =
            Secret.fromBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "counter {0} gives {1}")
    @CsvSource({
        // RFC 4226 Appendix D, HOTP column
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
    })
    void matchesEveryRfc4226AppendixDVector(long counter, String expected) {
        assertEquals(expected, new Hotp(HashAlgorithm.SHA1, 6).generate(RFC4226_SECRET, counter));
    }

    @ParameterizedTest(name = "counter {0} truncates to {1}")
    @CsvSource({
        // RFC 4226 Appendix D, "Truncated" decimal column: the 31-bit value before the modulo
        "0, 1284755224", "1, 1094287082", "2, 137359152", "3, 1726969429", "4, 1640338314",
        "5, 868254676", "6, 1918287922", "7, 82162583", "8, 673399871", "9, 645520489",
    })
    void keepsTheLowDigitsOfTheTruncatedValue(long counter, long truncated) {
        String eight = new Hotp(HashAlgorithm.SHA1, 8).generate(RFC4226_SECRET, counter);
        assertEquals(String.format("%08d", truncated % 100_000_000L), eight);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 9, 10, -1})
    void refusesDigitCountsOutsideSixToEight(int digits) {
        assertThrows(InvalidRequestException.class, () -> new Hotp(HashAlgorithm.SHA1, digits));
    }
}
