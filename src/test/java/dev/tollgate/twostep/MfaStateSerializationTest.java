package dev.tollgate.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.factor.AssertionCeremony;
import dev.tollgate.factor.RegistrationCeremony;
import dev.tollgate.factor.WebAuthnCeremony.KeyDescriptor;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.AccountStampStore.Stamp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A server that replicates sessions (Payara's data grid for a {@code <distributable/>} application, WildFly's
 * Infinispan) copies Tollgate's state to its peers by Java serialization: a state that does not survive the round trip
 * fails the request on the node that stores it, or arrives on the next node as something else.
 */
class MfaStateSerializationTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final List<KeyDescriptor> KEYS = List.of(new KeyDescriptor("a2V5LW9uZQ", List.of("usb", "nfc")),
            new KeyDescriptor("a2V5LXR3bw", List.of()));

    private static MfaState pendingSignIn() {
        SessionIdentity identity = new SessionIdentity("bob", Set.of("staff", "finance"), Origin.MECHANISM);
        LoginTransaction transaction = new LoginTransaction("tx-1", LoginTransaction.Purpose.CHALLENGE, NOW,
                NOW.plusSeconds(300), 2, "/admin/approvals?week=2");
        return MfaState.afterPassword(identity, AssuranceLevel.AAL1, true, true, transaction, EnrolmentOffer.GRACE)
                .withCeremony(new AssertionCeremony("Y2hhbGxlbmdl", KEYS, "tx-1", NOW.plusSeconds(120)))
                .withStamp(new Stamp(4, 1));
    }

    private static MfaState addingFactors() {
        SessionIdentity identity = new SessionIdentity("alice", Set.of("staff"), Origin.CONTAINER);
        return MfaState.afterPassword(identity, AssuranceLevel.AAL1, false, false, null, EnrolmentOffer.SUGGESTED)
                .atAal2(NOW)
                .withCeremony(new RegistrationCeremony("Y2hhbGxlbmdl", "factor-2", "work key", "dXNlci1oYW5kbGU",
                        KEYS, NOW.plusSeconds(120)))
                .withEnrolment(new PendingEnrolment("factor-3", NOW.plusSeconds(600)));
    }

    @Test
    void aPendingSignInArrivesOnAnotherNodeAsItLeft() throws Exception {
        MfaState state = pendingSignIn();

        MfaState copy = (MfaState) roundTrip(state);

        assertEquals(state, copy);
        assertEquals(2, copy.transaction().failedAttempts(), "the attempts already spent travel with the transaction");
        assertTrue(copy.identity().roles(role -> false).test("finance"), "the mechanism's groups travel too");
    }

    @Test
    void aSessionAddingAFactorArrivesOnAnotherNodeAsItLeft() throws Exception {
        MfaState state = addingFactors();

        MfaState copy = (MfaState) roundTrip(state);

        assertEquals(state, copy);
        assertEquals(AssuranceLevel.AAL2, copy.aal());
        assertEquals(NOW, copy.verifiedAt());
    }

    @Test
    void theStateStaysSmallEnoughToReplicateOnEveryChange() throws Exception {
        // every change stores a new state, and a replicating server sends it to its peers each time: a state with all
        // that can be pending at once stays far below what a session replication is sized for
        assertTrue(serialized(pendingSignIn()).length < 2048, "the pending sign-in's state is under 2 KB");
        assertTrue(serialized(addingFactors()).length < 2048, "the enrolling session's state is under 2 KB");
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized(value)))) {
            return in.readObject();
        }
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
