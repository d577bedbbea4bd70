package dev.tollgate.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.policy.GracePeriod;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.TransactionUseStore;
import dev.tollgate.store.AccountStampStore;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.TollgatePersistence;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.twostep.Flow.CodeOutcome;
import dev.tollgate.twostep.Flow.Verification;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in steps after the password, against a real store (H2 and EclipseLink, as in {@code FactorStoreTest}),
 * real encryption and a clock the tests move.
 */
class SignInFlowTest {

    private static final String KEYS = "unit-2026:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    /** The middle of a time step, so that moving by less than 15 seconds stays in it. */
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:15Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ATTEMPTS = 3;
    private static final Totp AUTHENTICATOR = new Totp(OtpParameters.DEFAULT, 0);

    private final MutableClock clock = new MutableClock(T0);
    private EntityManagerFactory emf;
    private FactorStore store;
    private TotpFactors totp;
    private RecoveryCodes recovery;
    private AccountLockStore locks;
    private PreferenceStore preferences;
    private final List<SecurityEvent> published = new ArrayList<>();
    private final SecurityEvents events = new SecurityEvents(List.of(published::add));
    /** Locks at the fourth consecutive failure: one more than a transaction's attempts, to show it spans them. */
    private static final TollgateSettings.Limits LIMITS = new TollgateSettings.Limits(4, Duration.ofMinutes(1), 10);

    @BeforeEach
    void openDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:flow" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        emf = TollgatePersistence.open(dataSource, TollgatePersistence.SchemaGeneration.MIGRATE, "/test");
        store = new FactorStore(emf);
        totp = new TotpFactors(store, KeyRing.parse(KEYS), clock, new SecureRandom(), 1, 160, "Test");
        recovery = new RecoveryCodes(new RecoveryCodeStore(emf), new RecoveryCodeHasher("k", Map.of("k",
                new byte[32])), clock, new SecureRandom(), 10);
        locks = new AccountLockStore(emf);
        preferences = new PreferenceStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
    }

    private Flow flow(MfaPolicy.Mode mode) {
        return flow(mode, GracePeriod.NONE);
    }

    private Flow flow(MfaPolicy.Mode mode, GracePeriod grace) {
        return new Flow(new MfaPolicy(mode, Set.of()), store, totp, clock, TTL, MAX_ATTEMPTS,
                new TransactionIds(new SecureRandom()), recovery, locks, LIMITS, events,
                new EnrolmentChoices(preferences, grace, clock),
                new AccountStamps(new AccountStampStore(emf), clock, Duration.ofSeconds(2)),
                new TransactionUseStore(emf));
    }

    private Flow flow() {
        return flow(MfaPolicy.Mode.OPTIONAL);
    }

    /** Enrols and confirms a factor with the code of the step before the current one; returns its secret. */
    private Secret enrolled(String user) {
        TotpEnrolment enrolment = totp.enrol(user, "phone");
        assertTrue(totp.confirm(user, enrolment.factorId(), codeAt(enrolment.secret(), -1)));
        return enrolment.secret();
    }

    /** The code an authenticator shows {@code offset} steps from the clock's current step. */
    private String codeAt(Secret secret, int offset) {
        return AUTHENTICATOR.generateForStep(secret, AUTHENTICATOR.timeStep(clock.instant()) + offset);
    }

    /** A six-digit code that none of the steps around now produces. */
    private String wrongCode(Secret secret) {
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean produced = false;
            for (int offset = -3; offset <= 3; offset++) {
                produced |= codeAt(secret, offset).equals(code);
            }
            if (!produced) {
                return code;
            }
        }
    }

    private static SessionIdentity user(String name) {
        return new SessionIdentity(name, Set.of(), Origin.CONTAINER);
    }

    private MfaState signedIn(Flow flow, String name) {
        return flow.afterPassword(user(name), role -> false, "/back");
    }

    @Test
    void letsAUserWithoutFactorStayAtAal1UnderTheOptionalPolicy() {
        MfaState state = signedIn(flow(), "alice");
        assertEquals(AssuranceLevel.AAL1, state.aal());
        assertNull(state.transaction());
        assertTrue(state.containerLoginAllowed());
    }

    @Test
    void opensAnEnrolmentTransactionWhenThePolicyRequiresAFactor() {
        Flow flow = flow(MfaPolicy.Mode.REQUIRED);
        MfaState state = signedIn(flow, "alice");
        assertEquals(LoginTransaction.Purpose.ENROL, state.transaction().purpose());
        assertEquals(T0.plus(TTL), state.transaction().expiresAt());
        assertTrue(flow.mayAddFactor(state));
    }

    @Test
    void challengesAUserWithAFactorAndAcceptsTheCurrentCode() {
        Secret secret = enrolled("alice");
        MfaState state = signedIn(flow(), "alice");
        assertEquals(LoginTransaction.Purpose.CHALLENGE, state.transaction().purpose());
        assertTrue(state.transaction().id().length() >= 22, "at least 128 bits");

        Verification result = flow().verify(state, state.transaction().id(), codeAt(secret, 0));
        assertEquals(CodeOutcome.ACCEPTED, result.outcome());
        assertEquals(AssuranceLevel.AAL2, result.state().aal());
        assertNull(result.state().transaction(), "a completed transaction cannot be used again");
        assertEquals("alice", result.factor().orElseThrow().username());
    }

    @Test
    void acceptsACodeJustBeforeTheTransactionExpires() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        clock.advance(TTL.minusMillis(1));
        assertEquals(CodeOutcome.ACCEPTED, flow.verify(state, state.transaction().id(), codeAt(secret, 0)).outcome());
    }

    @Test
    void expiresTheTransactionAtItsTimeToLiveWithoutConsumingTheCode() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        clock.advance(TTL);
        String code = codeAt(secret, 0);

        Verification expired = flow.verify(state, state.transaction().id(), code);
        assertEquals(CodeOutcome.EXPIRED, expired.outcome());
        assertNull(expired.state().transaction(), "the expired transaction is dropped");
        assertEquals(AssuranceLevel.AAL1, expired.state().aal());
        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(expired.state(), state.transaction().id(), code)
                .outcome(), "and stays dropped");

        MfaState again = signedIn(flow, "alice");
        assertEquals(CodeOutcome.ACCEPTED, flow.verify(again, again.transaction().id(), code).outcome(),
                "the refused code was not recorded as used");
    }

    @Test
    void expiresEvenAfterWrongCodesKeptItAlive() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        clock.advance(TTL.minusSeconds(1));
        state = flow.verify(state, state.transaction().id(), wrongCode(secret)).state();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(CodeOutcome.EXPIRED, flow.verify(state, state.transaction().id(), codeAt(secret, 0))
                .outcome(), "a failed attempt does not extend the deadline");
    }

    @Test
    void endsTheTransactionAfterMaxAttemptsWrongCodes() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        String id = state.transaction().id();
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            Verification wrong = flow.verify(state, id, wrongCode(secret));
            assertEquals(CodeOutcome.WRONG, wrong.outcome(), "attempt " + attempt);
            assertEquals(attempt, wrong.state().transaction().failedAttempts());
            state = wrong.state();
        }
        Verification last = flow.verify(state, id, wrongCode(secret));
        assertEquals(CodeOutcome.TOO_MANY_ATTEMPTS, last.outcome());
        assertNull(last.state().transaction());

        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(last.state(), id, codeAt(secret, 0)).outcome(),
                "the right code no longer completes the ended transaction");
    }

    @Test
    void doesNotCountAMalformedCodeAsAnAttempt() {
        enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        for (String malformed : new String[] {"12345a", "١٢٣٤٥٦", "12345", "1234567", "  "}) {
            assertThrows(InvalidRequestException.class,
                    () -> flow.verify(state, state.transaction().id(), malformed), malformed);
        }
        assertEquals(0, state.transaction().failedAttempts());
    }

    @Test
    void neverCompletesATransactionWithACodeOfAnotherUsersFactor() {
        Secret alices = enrolled("alice");
        Secret bobs = enrolled("bob");
        Flow flow = flow();
        MfaState alice = signedIn(flow, "alice");
        MfaState bob = signedIn(flow, "bob");

        Verification crossed = flow.verify(alice, alice.transaction().id(), codeAt(bobs, 0));
        assertEquals(CodeOutcome.WRONG, crossed.outcome());
        assertEquals(AssuranceLevel.AAL1, crossed.state().aal());

        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(alice, bob.transaction().id(), codeAt(alices, 0))
                .outcome(), "bob's transaction id in alice's session");
        assertEquals(CodeOutcome.ACCEPTED, flow.verify(bob, bob.transaction().id(), codeAt(bobs, 0)).outcome(),
                "bob's code was not consumed by the attempt on alice's transaction");
    }

    @Test
    void refusesAnotherTransactionIdOrNone() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        String code = codeAt(secret, 0);
        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(null, state.transaction().id(), code).outcome());
        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(state, "x" + state.transaction().id(), code).outcome());
        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(state.withTransaction(null), state.transaction().id(),
                code).outcome());
        assertEquals(CodeOutcome.ACCEPTED, flow.verify(state, state.transaction().id(), code).outcome(),
                "none of the refusals consumed the code");
    }

    @Test
    void aNewSignInReplacesTheTransaction() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState first = signedIn(flow, "alice");
        MfaState second = signedIn(flow, "alice");
        assertNotEquals(first.transaction().id(), second.transaction().id());
        assertEquals(CodeOutcome.NO_TRANSACTION, flow.verify(second, first.transaction().id(), codeAt(secret, 0))
                .outcome());
    }

    @Test
    void acceptsCodesOneStepEitherSideAndNotTwo() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        // the enrolment used step -1; each accepted code must be of a later step than the last
        clock.advance(Duration.ofSeconds(30));
        assertEquals(CodeOutcome.WRONG, verifyOnce(flow, "alice", codeAt(secret, -2)).outcome(), "two steps ago");
        assertEquals(CodeOutcome.WRONG, verifyOnce(flow, "alice", codeAt(secret, 2)).outcome(), "two steps ahead");
        assertEquals(CodeOutcome.ACCEPTED, verifyOnce(flow, "alice", codeAt(secret, -1)).outcome(), "one step ago");
        assertEquals(CodeOutcome.ACCEPTED, verifyOnce(flow, "alice", codeAt(secret, 1)).outcome(), "one step ahead");
    }

    @Test
    void movesTheWindowExactlyAtAStepBoundary() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        clock.advance(Duration.ofSeconds(15).minusMillis(1));  // the last millisecond of the step after enrolment's
        String lastOfWindow = codeAt(secret, 1);
        clock.advance(Duration.ofMillis(1));                    // the first of the next step
        String fellOut = codeAt(secret, -2);
        assertEquals(CodeOutcome.WRONG, verifyOnce(flow, "alice", fellOut).outcome(),
                "the step two behind left the window at the boundary");
        assertEquals(CodeOutcome.ACCEPTED, verifyOnce(flow, "alice", lastOfWindow).outcome(),
                "what was one ahead is now the current step");
    }

    @Test
    void refusesAReplayedCodeAndAnyOlderOne() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        String current = codeAt(secret, 0);
        assertEquals(CodeOutcome.ACCEPTED, verifyOnce(flow, "alice", current).outcome());
        assertEquals(CodeOutcome.WRONG, verifyOnce(flow, "alice", current).outcome(), "the same code again");
        assertEquals(CodeOutcome.WRONG, verifyOnce(flow, "alice", codeAt(secret, -1)).outcome(), "an older step");
    }

    @Test
    void stepUpKeepsALiveTransactionAndReplacesAnExpiredOne() {
        enrolled("frank");
        Flow flow = flow();
        MfaState atAal1 = MfaState.afterPassword(user("frank"), AssuranceLevel.AAL1, false, true, null,
                EnrolmentOffer.NONE);
        MfaState stepping = flow.stepUp(atAal1, "/admin/panel");
        assertNotNull(stepping.transaction());
        assertEquals("/admin/panel", stepping.transaction().returnTo());
        assertSame(stepping, flow.stepUp(stepping, "/admin/other"), "the pending transaction stays");
        clock.advance(TTL);
        MfaState renewed = flow.stepUp(stepping, "/admin/other");
        assertNotEquals(stepping.transaction().id(), renewed.transaction().id());
        assertEquals(clock.instant().plus(TTL), renewed.transaction().expiresAt());
    }

    /** A fresh sign-in of the user answered with one code. */
    private Verification verifyOnce(Flow flow, String name, String code) {
        MfaState state = signedIn(flow, name);
        return flow.verify(state, state.transaction().id(), code);
    }

    @Test
    void locksTheAccountAcrossTransactionsAfterConsecutiveFailures() {
        Flow flow = flow();
        Secret secret = enrolled("lock");
        SessionIdentity lock = new SessionIdentity("lock", Set.of(), Origin.CONTAINER);
        MfaState first = flow.afterPassword(lock, role -> false, null);
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            first = flow.verify(first, first.transaction() == null ? "x" : first.transaction().id(),
                    wrongCode(secret)).state();
        }
        MfaState second = flow.afterPassword(lock, role -> false, null);
        Verification fourth = flow.verify(second, second.transaction().id(), wrongCode(secret));
        assertEquals(CodeOutcome.LOCKED, fourth.outcome(), "the fourth consecutive failure locks");
        assertEquals(T0.plus(Duration.ofMinutes(1)), fourth.lockedUntil());

        MfaState third = flow.afterPassword(lock, role -> false, null);
        Verification refused = flow.verify(third, third.transaction().id(), codeAt(secret, 0));
        assertEquals(CodeOutcome.LOCKED, refused.outcome(), "even the right code waits for the lock to end");
        assertTrue(published.stream().anyMatch(e -> e.type() == SecurityEventType.LOCKED_OUT));

        clock.advance(Duration.ofMinutes(1));
        MfaState later = flow.afterPassword(lock, role -> false, null);
        assertEquals(CodeOutcome.ACCEPTED, flow.verify(later, later.transaction().id(), codeAt(secret, 0)).outcome());
    }

    @Test
    void acceptsARecoveryCodeOnceAndReportsIt() {
        Flow flow = flow();
        enrolled("rita");
        List<String> codes = recovery.regenerate("rita");
        SessionIdentity rita = new SessionIdentity("rita", Set.of(), Origin.CONTAINER);
        MfaState state = flow.afterPassword(rita, role -> false, null);
        Verification used = flow.verify(state, state.transaction().id(),
                Proof.recoveryCode(codes.get(0)), "192.0.2.1");
        assertEquals(CodeOutcome.ACCEPTED, used.outcome());
        assertEquals(AssuranceLevel.AAL2, used.state().aal());
        SecurityEvent event = published.get(published.size() - 1);
        assertEquals(SecurityEventType.RECOVERY_CODE_USED, event.type());
        assertEquals("192.0.2.1", event.remoteAddress());
        assertTrue(!event.toLogLine().contains(codes.get(0)), "no code in the log");

        MfaState again = flow.afterPassword(rita, role -> false, null);
        assertEquals(CodeOutcome.WRONG, flow.verify(again, again.transaction().id(),
                Proof.recoveryCode(codes.get(0)), null).outcome(), "a recovery code works once");
    }

    @Test
    void suggestsEnrolmentUnderTheOptionalPolicyUnlessTheUserOptedOut() {
        assertEquals(EnrolmentOffer.SUGGESTED, signedIn(flow(), "alice").offer());
        preferences.optOut("alice", T0);
        MfaState optedOut = signedIn(flow(), "alice");
        assertEquals(EnrolmentOffer.NONE, optedOut.offer(), "not asked again");
        assertTrue(optedOut.containerLoginAllowed());
        enrolled("bob");
        assertEquals(EnrolmentOffer.NONE, signedIn(flow(), "bob").offer(), "a user with a factor is challenged");
    }

    @Test
    void letsAUserSkipEnrolmentDuringTheGracePeriodThenRequiresIt() {
        Flow flow = flow(MfaPolicy.Mode.REQUIRED, new GracePeriod(2, 0));
        for (int signIn = 1; signIn <= 2; signIn++) {
            MfaState state = signedIn(flow, "alice");
            assertEquals(EnrolmentOffer.GRACE, state.offer(), "sign-in " + signIn);
            assertNull(state.transaction());
            assertTrue(state.containerLoginAllowed(), "the grace period lets the user in");
            assertTrue(flow.mayAddFactor(state), "and lets them enrol");
        }
        MfaState due = signedIn(flow, "alice");
        assertEquals(LoginTransaction.Purpose.ENROL, due.transaction().purpose());
        assertEquals(EnrolmentOffer.NONE, due.offer());
        assertTrue(!due.containerLoginAllowed());
    }

    @Test
    void endsTheGracePeriodInDaysByTheClock() {
        Flow flow = flow(MfaPolicy.Mode.REQUIRED, new GracePeriod(0, 7));
        assertEquals(EnrolmentOffer.GRACE, signedIn(flow, "alice").offer());
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals(EnrolmentOffer.GRACE, signedIn(flow, "alice").offer());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(LoginTransaction.Purpose.ENROL, signedIn(flow, "alice").transaction().purpose());
    }

    @Test
    void reauthenticatesWithAFreshCodeOnlyAndCountsFailuresTowardsTheLock() {
        Secret secret = enrolled("alice");
        Flow flow = flow();
        MfaState state = signedIn(flow, "alice");
        state = flow.verify(state, state.transaction().id(), codeAt(secret, 0)).state();
        assertEquals(CodeOutcome.WRONG, flow.reauthenticate(state, Proof.authenticatorCode(codeAt(secret, 0)),
                null, "to remove a factor").outcome(), "the code that signed in is spent");
        Verification fresh = flow.reauthenticate(state, Proof.authenticatorCode(codeAt(secret, 1)), "10.0.0.1",
                "to remove a factor");
        assertEquals(CodeOutcome.ACCEPTED, fresh.outcome());
        assertSame(state, fresh.state(), "the session's state does not change");
        for (int i = 0; i < 3; i++) {
            assertEquals(CodeOutcome.WRONG, flow.reauthenticate(state, Proof.authenticatorCode(wrongCode(secret)),
                    null, "to remove a factor").outcome());
        }
        Verification locked = flow.reauthenticate(state, Proof.authenticatorCode(wrongCode(secret)), null,
                "to remove a factor");
        assertEquals(CodeOutcome.LOCKED, locked.outcome(), "the fourth consecutive failure locks");
        assertNotNull(locked.lockedUntil());
        assertTrue(published.stream().anyMatch(e -> e.type() == SecurityEventType.SECOND_FACTOR_FAILED
                && "authenticator code to remove a factor".equals(e.detail())));
        assertTrue(published.stream().anyMatch(e -> e.type() == SecurityEventType.SECOND_FACTOR_VERIFIED
                && "to remove a factor".equals(e.detail()) && "10.0.0.1".equals(e.remoteAddress())));
    }
}
