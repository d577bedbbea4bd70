package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.ORIGIN;
import static dev.tollgate.twostep.TwoStepFixture.RP;
import static dev.tollgate.twostep.TwoStepFixture.RP_ID;
import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.AssertionCeremony;
import dev.tollgate.factor.RegistrationCeremony;
import dev.tollgate.factor.SoftwareAuthenticator;
import dev.tollgate.otp.Secret;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session replicated to several servers exists there in several copies, and a client that sends each request to
 * another server (or replays an older copy of its cookie's session) can present any of them. The limits that a
 * transaction's copy carries must therefore hold for the transaction, not for the copy: its attempts (5 by default)
 * and the single use of a security key's challenge, at sign-in and when adding a key. Each test answers from copies
 * taken before the first answer, as the other server of two would still hold them.
 */
class ReplicatedSessionTest {

    private static final int MAX_ATTEMPTS = 5;

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final Verification verification = fixture.useCases.verification();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Outcome<Verification.Verified> code(MfaState copy, String code) {
        return verification.verify(caller(copy), copy.transaction().id(), Proof.authenticatorCode(code));
    }

    private static Refusal refusal(Outcome<?> outcome) {
        return ((Outcome.Refused<?>) outcome).refusal();
    }

    @Test
    void countsTheTransactionsAttemptsWhicheverCopyOfTheSessionIsUsed() {
        Secret secret = fixture.enrolledApp("alice");
        String wrong = fixture.wrongCode(secret);
        MfaState copy = fixture.signedIn("alice");

        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            Refusal.WrongProof refused = assertInstanceOf(Refusal.WrongProof.class, refusal(code(copy, wrong)));
            assertEquals(MAX_ATTEMPTS - attempt, refused.attemptsLeft(), "the transaction's count, not the copy's");
        }
        assertEquals(new Refusal.Plain(Problem.TOO_MANY_ATTEMPTS), refusal(code(copy, wrong)));

        Outcome<Verification.Verified> right = code(copy, fixture.codeAt(secret, 0));
        assertEquals(new Refusal.Plain(Problem.TOO_MANY_ATTEMPTS), refusal(right),
                "a copy that has seen no failure still finds the transaction's attempts spent");
        assertEquals(MAX_ATTEMPTS, fixture.count(SecurityEventType.SECOND_FACTOR_FAILED));
    }

    @Test
    void evaluatesNoMoreThanTheTransactionsAttemptsOfTwentyConcurrentOnes() throws Exception {
        String wrong = fixture.wrongCode(fixture.enrolledApp("bob"));
        MfaState copy = fixture.signedIn("bob");
        List<Callable<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(() -> refusal(code(copy, wrong)).getClass().getSimpleName());
        }
        Race.run(answers);
        assertEquals(MAX_ATTEMPTS, fixture.count(SecurityEventType.SECOND_FACTOR_FAILED),
                "below the account lock's threshold of 10: the transaction's limit holds by itself");
    }

    @Test
    void doesNotCountAMalformedCodeTowardsTheTransaction() {
        String wrong = fixture.wrongCode(fixture.enrolledApp("carol"));
        MfaState copy = fixture.signedIn("carol");
        assertThrows(InvalidRequestException.class, () -> code(copy, "12345a"));
        Refusal.WrongProof refused = assertInstanceOf(Refusal.WrongProof.class, refusal(code(copy, wrong)));
        assertEquals(MAX_ATTEMPTS - 1, refused.attemptsLeft());
    }

    @Test
    void acceptsASecurityKeysAnswerOnceThoughAnotherCopyStillHoldsItsChallenge() throws Exception {
        SoftwareAuthenticator key = registeredKey("dave");
        MfaState signedIn = fixture.signedIn("dave");
        MfaState copy = verification.startSecurityKey(caller(signedIn), signedIn.transaction().id()).session()
                .state();
        String challenge = copy.ceremony().challenge();

        assertInstanceOf(Outcome.Done.class, verification.verify(caller(copy), copy.transaction().id(),
                new Proof.SecurityKey(key.assert_(RP_ID, ORIGIN, challenge), RP)));
        Outcome<Verification.Verified> replayed = verification.verify(caller(copy), copy.transaction().id(),
                new Proof.SecurityKey(key.assert_(RP_ID, ORIGIN, challenge), RP));
        assertInstanceOf(Refusal.WrongProof.class, refusal(replayed),
                "a second answer to one challenge, signed anew by the key, from the copy that still holds it");
    }

    @Test
    void addsASecurityKeyOnceThoughAnotherCopyStillHoldsItsCeremony() throws Exception {
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        fixture.enrolledApp("erin");
        MfaState enrolling = fixture.atAal2("erin");
        Outcome<RegistrationCeremony> started = fixture.useCases.enrolment().startSecurityKey(caller(enrolling), null,
                Optional.empty());
        RegistrationCeremony ceremony = ((Outcome.Done<RegistrationCeremony>) started).value();
        MfaState copy = started.session().state();

        assertInstanceOf(Outcome.Done.class, fixture.useCases.enrolment().finishSecurityKey(caller(copy),
                ceremony.factorId(), key.register(RP_ID, ORIGIN, ceremony.challenge()), RP));
        Outcome<Enrolment.Confirmed> again = fixture.useCases.enrolment().finishSecurityKey(caller(copy),
                ceremony.factorId(), new SoftwareAuthenticator().register(RP_ID, ORIGIN, ceremony.challenge()), RP);
        assertEquals(new Refusal.Plain(Problem.NO_CEREMONY), refusal(again));
        assertEquals(2, fixture.factors.findConfirmed("erin").size(), "the app and one key");
    }

    private SoftwareAuthenticator registeredKey(String user) throws Exception {
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        MfaState enrolling = fixture.signedIn(user);
        Outcome<RegistrationCeremony> started = fixture.useCases.enrolment().startSecurityKey(caller(enrolling), null,
                Optional.empty());
        RegistrationCeremony ceremony = ((Outcome.Done<RegistrationCeremony>) started).value();
        assertInstanceOf(Outcome.Done.class, fixture.useCases.enrolment().finishSecurityKey(
                caller(started.session().state()), ceremony.factorId(),
                key.register(RP_ID, ORIGIN, ceremony.challenge()), RP));
        return key;
    }
}
