package dev.tollgate.twostep;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Makes and compares login transaction ids and CSRF tokens. */
public final class TransactionIds {

    /** 192 bits: above the 128 the design requires, and a whole number of Base64 characters. */
    private static final int BYTES = 24;

    private final SecureRandom random;

    public TransactionIds(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant-time, so response timing says nothing about how much of a guessed id was right. */
    public static boolean same(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
