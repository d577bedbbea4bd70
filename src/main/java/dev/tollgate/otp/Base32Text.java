package dev.tollgate.otp;

import dev.tollgate.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/**
 * Base32 (RFC 4648 section 6) as authenticator apps use it: upper case, no padding on output; case, spaces, hyphens
 * and missing padding tolerated on input.
 *
 * <p>The coding itself is commons-codec's. Its default decoder silently skips characters outside the alphabet,
 * which would turn a mistyped secret into a different valid one; so the text is checked here first and decoded
 * with the strict policy, which also refuses impossible trailing bits.
 */
final class Base32Text {

    private static final Base32 CODEC = Base32.builder().setDecodingPolicy(CodecPolicy.STRICT).get();

    /** Lengths of the last 8-character block that RFC 4648 section 6 allows without padding. */
    private static final boolean[] VALID_TAIL = {true, false, true, false, true, true, false, true};

    private Base32Text() {
    }

    static String encode(byte[] bytes) {
        String padded = new String(CODEC.encode(bytes), StandardCharsets.US_ASCII);
        int end = padded.length();
        while (end > 0 && padded.charAt(end - 1) == '=') {
            end--;
        }
        return padded.substring(0, end);
    }

    static byte[] decode(String text) {
        if (text == null) {
            throw new InvalidRequestException("secret is missing: expected Base32 text (A-Z and 2-7)");
        }
        StringBuilder clean = new StringBuilder(text.length() + 8);
        boolean paddingStarted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            if (c == '=') {
                paddingStarted = true;
                continue;
            }
            char upper = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
            boolean inAlphabet = (upper >= 'A' && upper <= 'Z') || (upper >= '2' && upper <= '7');
            if (!inAlphabet) {
                throw new InvalidRequestException("secret is not valid Base32: character at position " + (i + 1)
                        + " is not one of A-Z and 2-7");
            }
            if (paddingStarted) {
                throw new InvalidRequestException("secret is not valid Base32: '=' padding may only come at the end");
            }
            clean.append(upper);
        }
        if (clean.length() == 0) {
            throw new InvalidRequestException("secret is empty: expected Base32 text (A-Z and 2-7)");
        }
        if (!VALID_TAIL[clean.length() % 8]) {
            throw new InvalidRequestException("secret is not valid Base32: " + clean.length()
                    + " characters cannot encode whole bytes; check for a missing or extra character");
        }
        while (clean.length() % 8 != 0) {
            clean.append('=');
        }
        try {
            return CODEC.decode(clean.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "secret is not valid Base32: its last character carries bits that no byte uses", e);
        }
    }
}
