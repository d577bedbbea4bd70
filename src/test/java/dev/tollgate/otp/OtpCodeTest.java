package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtpCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456", " 123456", "123456 ", "  123456\t", "123 456", " 123 456 ", "123456\n",
        "1 23456", "12345 6"})
    void acceptsDigitsWithSurroundingSpacesAndOneInnerSpace(String input) {
        assertEquals("123456", OtpCode.parse(input, 6).value());
    }

    @Test
    void acceptsEightDigits() {
        assertEquals("12345678", OtpCode.parse("1234 5678", 8).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12345a", "12345O", "123-456", "123.456", "+12345", "-12345", "12 34 56", "123  456",
        "\u0661\u0662\u0663\u0664\u0665\u0666",   // Arabic-Indic digits
        "\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6",   // Extended Arabic-Indic digits
        "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16",   // full-width digits
        "\u0967\u0968\u0969\u096A\u096B\u096C",   // Devanagari digits
        "123\u00A0456",                           // no-break space is not a space here
        "12345\u0000",
    })
    void refusesAnythingButAsciiDigits(String input) {
        assertThrows(InvalidRequestException.class, () -> OtpCode.parse(input, 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "1", "123 45"})
    void refusesTheWrongNumberOfDigits(String input) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> OtpCode.parse(input, 6));
        assertEquals("invalid_request", e.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t"})
    void refusesAMissingCode(String input) {
        assertThrows(InvalidRequestException.class, () -> OtpCode.parse(input, 6));
        assertThrows(InvalidRequestException.class, () -> OtpCode.parse(null, 6));
    }

    @Test
    void refusesHugeInputWithoutEchoingIt() {
        String huge = "1".repeat(1_000_000);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> OtpCode.parse(huge, 6));
        assertFalse(e.getMessage().contains("1111"), e.getMessage());
    }

    @Test
    void neverShowsTheCodeInMessagesOrToString() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> OtpCode.parse("98765x", 6));
        assertFalse(e.getMessage().contains("98765"), e.getMessage());
        assertFalse(OtpCode.parse("987654", 6).toString().contains("987654"));
    }
}
