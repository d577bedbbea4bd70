package dev.tollgate.otp;

import dev.tollgate.InvalidRequestException;
import java.nio.charset.StandardCharsets;

/**
 * A one-time code as a user typed it, checked and normalised to its ASCII digits.
 *
 * <pre>{@code
 * OtpCode code = OtpCode.parse(" 123 456 ", 6);   // accepted: surrounding spaces and one space in the middle
 * OtpCode.parse("12345a", 6);                      // InvalidRequestException: only the digits 0-9
 * }</pre>
 *
 * <p>Only ASCII {@code 0}-{@code 9} count as digits: {@link Character#isDigit(char)} would also accept
 * Arabic-Indic and other Unicode digits, which no authenticator shows and which would let visually identical inputs
 * differ. {@link #toString()} never shows the code.
 */
public final class OtpCode {

    /** Longer input is refused before it is looked at, so a hostile request costs nothing to reject. */
    private static final int MAX_INPUT_LENGTH = 32;

    private final byte[] digits;

    private OtpCode(byte[] digits) {
        this.digits = digits;
    }

    /**
     * Reads a code as typed.
     *
     * @param input          the text the user entered
     * @param expectedDigits how many digits a code has for this factor, 6 to 8
     * @return the normalised code
     * @throws InvalidRequestException naming what is wrong (missing, not digits, wrong length), never echoing the
     *                                 input
     */
    public static OtpCode parse(String input, int expectedDigits) {
        if (input == null || input.isBlank()) {
            throw new InvalidRequestException("code is missing: enter the " + expectedDigits
                    + "-digit code your authenticator app shows");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidRequestException("code is too long: expected " + expectedDigits + " digits");
        }
        // trim(), not strip(): only ASCII blanks and control characters (a pasted newline) are surrounding noise
        String trimmed = input.trim();
        byte[] ascii = new byte[trimmed.length()];
        int count = 0;
        int spaces = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                // one space in the middle, as apps display "123 456"; trim() already removed the outer ones
                if (++spaces > 1) {
                    throw new InvalidRequestException("code may contain at most one space, between its digits");
                }
                continue;
            }
            if (c < '0' || c > '9') {
                throw new InvalidRequestException("code must contain only the digits 0-9");
            }
            ascii[count++] = (byte) c;
        }
        if (count != expectedDigits) {
            throw new InvalidRequestException("code must have " + expectedDigits + " digits, not " + count);
        }
        byte[] exact = new byte[count];
        System.arraycopy(ascii, 0, exact, 0, count);
        return new OtpCode(exact);
    }

    /** The digits as ASCII bytes, for constant-time comparison; package-private so nobody can modify them. */
    byte[] ascii() {
        return digits;
    }

    /**
     * Returns the number of digits.
     *
     * @return 6 to 8
     */
    public int length() {
        return digits.length;
    }

    /**
     * Returns the digits; callers must not log them.
     *
     * @return the code, for example {@code "123456"}
     */
    public String value() {
        return new String(digits, StandardCharsets.US_ASCII);
    }

    /** Returns a redacted description: the code never appears. */
    @Override
    public String toString() {
        return "OtpCode[redacted]";
    }
}
