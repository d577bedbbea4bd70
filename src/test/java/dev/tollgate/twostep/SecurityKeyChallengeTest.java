package dev.tollgate.twostep;

import java.util.Optional;
import static dev.tollgate.twostep.TwoStepFixture.ORIGIN;
import static dev.tollgate.twostep.TwoStepFixture.RP;
import static dev.tollgate.twostep.TwoStepFixture.RP_ID;
import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.factor.AssertionCeremony;
import dev.tollgate.factor.RegistrationCeremony;
import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.policy.MfaPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A security key's challenge is used once and only by the session that asked for it (WebAuthn Level 2, section
 * 13.4.3): without that, a key whose counter stays at 0, as many passkeys' does, could have one answer replayed.
 */
class SecurityKeyChallengeTest {

    private TwoStepFixture fixture;
    private SoftwareAuthenticator key;

    @BeforeEach
    void registerAKey() throws Exception {
        fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
        key = new SoftwareAuthenticator();
        MfaState enrolling = fixture.signedIn("alice");
        Outcome<RegistrationCeremony> started = fixture.useCases.enrolment().startSecurityKey(caller(enrolling), null, Optional.empty());
        RegistrationCeremony ceremony = ((Outcome.Done<RegistrationCeremony>) started).value();
        Outcome<Enrolment.Confirmed> confirmed = fixture.useCases.enrolment().finishSecurityKey(
                caller(started.session().state()), ceremony.factorId(),
                key.register(RP_ID, ORIGIN, ceremony.challenge()), RP);
        assertInstanceOf(Outcome.Done.class, confirmed);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A sign-in waiting for its second factor, with a challenge pending in its session. */
    private MfaState withChallenge() {
        MfaState state = fixture.signedIn("alice");
        Outcome<AssertionCeremony> options = fixture.useCases.verification().startSecurityKey(caller(state),
                state.transaction().id());
        MfaState pending = options.session().state();
        assertNotNull(pending.ceremony());
        return pending;
    }

    private Outcome<Verification.Verified> answer(MfaState state, String transactionId, String challenge)
            throws Exception {
        return fixture.useCases.verification().verify(caller(state), transactionId,
                new Proof.SecurityKey(key.assert_(RP_ID, ORIGIN, challenge), RP));
    }

    @Test
    void acceptsTheAnswerToItsOwnChallenge() throws Exception {
        MfaState state = withChallenge();
        assertInstanceOf(Outcome.Done.class, answer(state, state.transaction().id(), state.ceremony().challenge()));
    }

    @Test
    void usesAChallengeOnce() throws Exception {
        MfaState state = withChallenge();
        String challenge = state.ceremony().challenge();
        Outcome<Verification.Verified> wrong = answer(state, state.transaction().id(), "b3RoZXI");
        assertInstanceOf(Refusal.WrongProof.class, ((Outcome.Refused<?>) wrong).refusal());
        MfaState after = wrong.session().state();
        assertNull(after.ceremony(), "the challenge is taken out by the first answer");

        Outcome<Verification.Verified> late = answer(after, after.transaction().id(), challenge);
        assertInstanceOf(Outcome.Refused.class, late, "a second answer to the same challenge finds none");
    }

    @Test
    void findsNoChallengeInAnotherSession() throws Exception {
        MfaState asked = withChallenge();
        MfaState other = withChallenge();
        assertNotNull(other.ceremony(), "the other session holds a challenge of its own");

        Outcome<Verification.Verified> crossed = answer(other, other.transaction().id(),
                asked.ceremony().challenge());
        assertInstanceOf(Outcome.Refused.class, crossed, "an answer to one session's challenge fails in another");
    }

    @Test
    void spendsTheChallengeOnAnAnswerForAnotherTransaction() throws Exception {
        MfaState state = withChallenge();
        String challenge = state.ceremony().challenge();
        Outcome<Verification.Verified> misdirected = answer(state, "another-transaction", challenge);
        assertInstanceOf(Outcome.Refused.class, misdirected);
        MfaState after = misdirected.session().state();
        assertNull(after.ceremony());

        assertInstanceOf(Outcome.Refused.class, answer(after, after.transaction().id(), challenge));
    }
}
