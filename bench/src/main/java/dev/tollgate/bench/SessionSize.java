package dev.tollgate.bench;

import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.twostep.EnrolmentOffer;
import dev.tollgate.twostep.LoginTransaction;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Origin;
import dev.tollgate.twostep.SessionIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The bytes a pending sign-in adds to an HTTP session: the Java serialisation of Tollgate's session attribute
 * ({@link MfaState} with its {@link LoginTransaction}), which is what a server writes when it persists or
 * replicates the session.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.tollgate.bench.SessionSize
 * }</pre>
 */
public final class SessionSize {

    private SessionSize() {
    }

    /**
     * Prints the sizes.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(describe());
    }

    /**
     * Measures a pending challenge as the demo has it after a FORM login, and with the groups a Jakarta Security
     * mechanism reports.
     *
     * @return one line per case
     */
    public static String describe() {
        Instant now = Instant.parse("2025-06-01T12:00:10Z");
        // as Tollgate makes them: 192 random bits in Base64url, 32 characters
        byte[] idBytes = new byte[24];
        new SecureRandom().nextBytes(idBytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        LoginTransaction transaction = new LoginTransaction(id, LoginTransaction.Purpose.CHALLENGE, now,
                now.plus(Duration.ofMinutes(5)), 0, "/expenses");

        MfaState formLogin = MfaState.afterPassword(new SessionIdentity("alice", Set.of(), Origin.CONTAINER),
                AssuranceLevel.AAL1, true, true, transaction, EnrolmentOffer.NONE);
        MfaState mechanismLogin = MfaState.afterPassword(
                new SessionIdentity("alice", Set.of("staff", "finance"), Origin.MECHANISM),
                AssuranceLevel.AAL1, true, true, transaction, EnrolmentOffer.NONE);
        MfaState signedIn = formLogin.atAal2(now);
        return String.format("Session attribute %s, Java-serialised:%n"
                        + "  pending sign-in after a FORM login (user alice, returnTo /expenses): %d bytes%n"
                        + "  pending sign-in after a mechanism login with two groups:             %d bytes%n"
                        + "  after the second factor (aal2, no transaction):                      %d bytes",
                MfaState.ATTRIBUTE, serialisedSize(formLogin), serialisedSize(mechanismLogin),
                serialisedSize(signedIn));
    }

    static int serialisedSize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
