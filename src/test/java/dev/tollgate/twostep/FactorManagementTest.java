package dev.tollgate.twostep;

import static dev.tollgate.twostep.TwoStepFixture.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.otp.Secret;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.Factor;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The user's own factors: renaming, removing with a fresh proof, new recovery codes. */
class FactorManagementTest {

    private final TwoStepFixture fixture = new TwoStepFixture(MfaPolicy.Mode.OPTIONAL);
    private final FactorManagement management = fixture.useCases.factors();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Factor only(String user) {
        return fixture.factors.findConfirmed(user).get(0);
    }

    private static Problem problem(Outcome<?> outcome) {
        return ((Refusal.Plain) ((Outcome.Refused<?>) outcome).refusal()).problem();
    }

    @Test
    void renamingToTheSameNameChangesNothingAndPublishesNothing() {
        fixture.enrolledApp("alice");
        MfaState state = fixture.atAal2("alice");
        Outcome<Boolean> same = management.rename(caller(state), only("alice").id(), "  phone ");
        assertEquals(Boolean.FALSE, ((Outcome.Done<Boolean>) same).value());
        assertEquals(0, fixture.count(SecurityEventType.FACTOR_RENAMED));

        Outcome<Boolean> renamed = management.rename(caller(state), only("alice").id(), "work phone");
        assertEquals(Boolean.TRUE, ((Outcome.Done<Boolean>) renamed).value());
        assertEquals("work phone", only("alice").label());
        assertEquals(1, fixture.count(SecurityEventType.FACTOR_RENAMED));
    }

    @Test
    void refusesABadLabelWithAnErrorThatNamesTheField() {
        fixture.enrolledApp("alice");
        MfaState state = fixture.atAal2("alice");
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> management.rename(caller(state), only("alice").id(), "x".repeat(101)));
        assertTrue(refused.getMessage().startsWith("label"), refused.getMessage());
        assertEquals("phone", only("alice").label());
    }

    @Test
    void refusesABlankNameRatherThanCallingAKeyAnAuthenticatorApp() {
        fixture.enrolledApp("alice");
        MfaState state = fixture.atAal2("alice");
        assertThrows(InvalidRequestException.class, () -> management.rename(caller(state), only("alice").id(), " "));
        assertEquals("phone", only("alice").label());
    }

    @Test
    void renamingNeedsTheSecondFactorOnceTheUserHasOne() {
        fixture.enrolledApp("alice");
        MfaState passwordOnly = fixture.signedIn("alice");
        assertEquals(Problem.MFA_REQUIRED, problem(management.rename(caller(passwordOnly), only("alice").id(),
                "mine now")));
        assertEquals("phone", only("alice").label());
    }

    @Test
    void removalNeedsAal2AndAFreshProof() {
        Secret secret = fixture.enrolledApp("alice");
        String id = only("alice").id();
        assertEquals(Problem.MFA_REQUIRED, problem(management.remove(caller(fixture.signedIn("alice")), id,
                Optional.of(Proof.authenticatorCode(fixture.codeAt(secret, 0))))));
        MfaState state = fixture.atAal2("alice");
        assertEquals(Problem.CODE_REQUIRED, problem(management.remove(caller(state), id, Optional.empty())));
        assertInstanceOf(Refusal.WrongProof.class, ((Outcome.Refused<?>) management.remove(caller(state), id,
                Optional.of(Proof.authenticatorCode(fixture.codeAt(secret, -1))))).refusal(),
                "the code that confirmed the factor is spent");
        assertEquals(1, fixture.factors.findConfirmed("alice").size());
    }

    @Test
    void removingTheLastFactorTakesItsRecoveryCodesInTheSameStep() {
        Secret secret = fixture.enrolledApp("alice");
        MfaState state = fixture.atAal2("alice");
        fixture.recovery.regenerate("alice");
        assertEquals(10, fixture.recovery.remaining("alice"));

        Outcome<Boolean> removed = management.remove(caller(state), only("alice").id(),
                Optional.of(Proof.authenticatorCode(fixture.codeAt(secret, 0))));

        assertInstanceOf(Outcome.Done.class, removed);
        assertTrue(fixture.factors.findConfirmed("alice").isEmpty());
        assertEquals(0, fixture.recovery.remaining("alice"));
        assertEquals(1, fixture.count(SecurityEventType.FACTOR_REMOVED));
    }

    @Test
    void keepsTheLastFactorWhereThePolicyRequiresOne() {
        try (TwoStepFixture required = new TwoStepFixture(MfaPolicy.Mode.REQUIRED)) {
            Secret secret = required.enrolledApp("bob");
            MfaState state = required.atAal2("bob");
            Outcome<Boolean> refused = required.useCases.factors().remove(caller(state),
                    required.factors.findConfirmed("bob").get(0).id(),
                    Optional.of(Proof.authenticatorCode(required.codeAt(secret, 0))));
            assertEquals(Problem.LAST_FACTOR, problem(refused));
            assertFalse(required.factors.findConfirmed("bob").isEmpty());
        }
    }

    @Test
    void newRecoveryCodesNeedAal2AndAFactor() {
        assertEquals(Problem.NO_FACTOR, problem(management.regenerateRecoveryCodes(caller(fixture.atAal2("carol")), Optional.empty())));
        fixture.enrolledApp("carol");
        assertEquals(Problem.MFA_REQUIRED, problem(management.regenerateRecoveryCodes(
                caller(fixture.signedIn("carol")), Optional.empty())));
        Outcome<java.util.List<String>> codes = management.regenerateRecoveryCodes(caller(fixture.atAal2("carol")), Optional.empty());
        assertEquals(10, ((Outcome.Done<java.util.List<String>>) codes).value().size());
    }

    @Test
    void newRecoveryCodesNeedARecentProof() {
        Secret owner = fixture.enrolledApp("judy");
        MfaState leftOpen = fixture.atAal2("judy");
        fixture.clock.advance(Duration.ofMinutes(6));
        assertEquals(Problem.CODE_REQUIRED, problem(management.regenerateRecoveryCodes(caller(leftOpen),
                Optional.empty())));
        Outcome<java.util.List<String>> codes = management.regenerateRecoveryCodes(caller(leftOpen),
                Optional.of(Proof.authenticatorCode(fixture.codeAt(owner, 0))));
        assertEquals(10, ((Outcome.Done<java.util.List<String>>) codes).value().size());
    }
}
