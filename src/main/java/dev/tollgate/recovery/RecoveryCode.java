package dev.tollgate.recovery;

import dev.tollgate.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A single-use recovery code, in the form people write down: {@code 7kq4-m9xt-2hcw}.
 *
 * <pre>{@code
 * RecoveryCode code = RecoveryCode.generate(new SecureRandom());
 * RecoveryCode typed = RecoveryCode.parse(" 7KQ4 M9XT 2HCW ");   // case, spaces and hyphens tolerated
 * }</pre>
 *
 * <p>Twelve characters from a 30-character alphabet without look-alikes (no {@code 0}, {@code o}, {@code 1},
 * {@code l}, {@code i} or {@code u}): 12 &times; log2(30) = 58.9 bits of entropy, above the 50 the design requires,
 * so a code cannot be guessed within any attempt limit. {@link #toString()} never shows the code.
 */
public final class RecoveryCode {

    /** Lower-case letters and digits minus 0, 1, i, l, o and u: what remains is hard to misread or mistype. */
    static final String ALPHABET = "23456789abcdefghjkmnpqrstvwxyz";
    /** The number of characters, in three groups of four. */
    static final int LENGTH = 12;
    private static final int GROUP = 4;
    private static final int MAX_INPUT_LENGTH = 64;

    private final String normalised;

    private RecoveryCode(String normalised) {
        this.normalised = normalised;
    }

    /**
     * Generates a new code.
     *
     * @param random the source of randomness; pass a {@link SecureRandom}
     * @return the code
     */
    public static RecoveryCode generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new RecoveryCode(new String(chars));
    }

    /**
     * Reads a code as typed.
     *
     * @param input the text, in any case, with or without spaces and hyphens
     * @return the code
     * @throws InvalidRequestException if it is not twelve characters of the alphabet (never echoing the input)
     */
    public static RecoveryCode parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidRequestException("recoveryCode is missing");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidRequestException("recoveryCode is too long: a recovery code has " + LENGTH
                    + " letters and digits");
        }
        StringBuilder clean = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
            if (ALPHABET.indexOf(lower) < 0) {
                throw new InvalidRequestException("recoveryCode contains a character that no recovery code has");
            }
            clean.append(lower);
        }
        if (clean.length() != LENGTH) {
            throw new InvalidRequestException("recoveryCode must have " + LENGTH + " letters and digits, not "
                    + clean.length());
        }
        return new RecoveryCode(clean.toString());
    }

    /**
     * Returns the code grouped for reading and writing down.
     *
     * @return for example {@code 7kq4-m9xt-2hcw}; never log it
     */
    public String display() {
        return normalised.substring(0, GROUP) + '-' + normalised.substring(GROUP, 2 * GROUP) + '-'
                + normalised.substring(2 * GROUP);
    }

    /** The canonical bytes that are hashed. */
    byte[] canonicalBytes() {
        return normalised.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns a redacted description: the code never appears. */
    @Override
    public String toString() {
        return "RecoveryCode[redacted]";
    }
}
