package dev.tollgate.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import dev.tollgate.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TotpFactorsTest {

    private static final String OLD_KEY = "old:" + "A".repeat(43);
    private static final String NEW_KEY = "new:" + "B".repeat(43);
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:10Z");
    private static final Totp TOTP = new Totp(OtpParameters.DEFAULT, 1);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final FactorStore store = new FactorStore(database.persistenceUnit());

    private TotpFactors factors(String keys, Instant at) {
        return new TotpFactors(store, KeyRing.parse(keys), Clock.fixed(at, ZoneOffset.UTC), new SecureRandom(), 1,
                160, "ACME");
    }

    private static String code(Secret secret, Instant at, int offset) {
        return TOTP.generateForStep(secret, TOTP.timeStep(at) + offset);
    }

    @Test
    void enrolsConfirmsAndVerifiesEachCodeOnce() {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment enrolment = factors.enrol("alice", "work phone");
        assertTrue(factors.verify("alice", code(enrolment.secret(), NOW, 0)).isEmpty(), "unconfirmed factor");
        assertTrue(factors.confirm("alice", enrolment.factorId(), code(enrolment.secret(), NOW, -1)));
        Optional<Factor> used = factors.verify("alice", code(enrolment.secret(), NOW, 0));
        assertEquals(enrolment.factorId(), used.orElseThrow().id());
        assertTrue(factors.verify("alice", code(enrolment.secret(), NOW, 0)).isEmpty(), "replay");
        assertTrue(factors.verify("alice", code(enrolment.secret(), NOW, -1)).isEmpty(), "older step");
        assertTrue(factors.verify("alice", code(enrolment.secret(), NOW, 1)).isPresent());
    }

    @Test
    void neverAcceptsAnotherUsersFactor() {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment bobs = factors.enrol("bob", null);
        factors.confirm("bob", bobs.factorId(), code(bobs.secret(), NOW, -1));
        TotpEnrolment alices = factors.enrol("alice", null);
        factors.confirm("alice", alices.factorId(), code(alices.secret(), NOW, -1));
        assertTrue(factors.verify("alice", code(bobs.secret(), NOW, 0)).isEmpty());
        assertThrows(InvalidRequestException.class,
                () -> factors.confirm("alice", bobs.factorId(), code(bobs.secret(), NOW, 0)));
    }

    @Test
    void storesNoUsableSecret() throws Exception {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment enrolment = factors.enrol("alice", null);
        try (Connection c = database.connection();
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM tollgate_factor")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String value = String.valueOf(rs.getObject(i));
                assertFalse(value.contains(enrolment.secret().base32()), rs.getMetaData().getColumnName(i));
            }
            assertTrue(rs.getString("secret_ciphertext").startsWith("tg1.new."));
        }
    }

    @Test
    void keepsOldFactorsWorkingAfterKeyRotationAndReencryptsThemOnUse() throws Exception {
        TotpEnrolment enrolment = factors(OLD_KEY, NOW).enrol("alice", null);
        factors(OLD_KEY, NOW).confirm("alice", enrolment.factorId(), code(enrolment.secret(), NOW, -1));
        TotpFactors rotated = factors(NEW_KEY + "," + OLD_KEY, NOW);
        assertTrue(rotated.verify("alice", code(enrolment.secret(), NOW, 0)).isPresent());
        assertTrue(store.find(enrolment.factorId()).orElseThrow().secretCiphertext().startsWith("tg1.new."));
        TotpFactors newOnly = factors(NEW_KEY, NOW);
        assertTrue(newOnly.verify("alice", code(enrolment.secret(), NOW, 1)).isPresent(), "old key no longer needed");
    }

    @Test
    void refusesMalformedCodesWithAClearError() {
        TotpFactors factors = factors(NEW_KEY, NOW);
        assertThrows(InvalidRequestException.class, () -> factors.verify("alice", "12a456"));
        assertThrows(InvalidRequestException.class, () -> factors.verify("alice", "\u0661\u0662\u0663\u0664\u0665\u0666"));
    }

    @Test
    void resumesAPendingEnrolmentWithTheSameSecret() {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment enrolment = factors.enrol("alice", null);
        assertEquals(enrolment.secret(), factors.resume("alice", enrolment.factorId()).orElseThrow().secret());
        assertTrue(factors.resume("bob", enrolment.factorId()).isEmpty());
    }

    @Test
    void cleansLabels() {
        assertEquals("Authenticator app", FactorLabels.clean("  ", TotpFactors.DEFAULT_LABEL));
        assertEquals("work phone", FactorLabels.clean(" work phone ", TotpFactors.DEFAULT_LABEL));
        assertThrows(InvalidRequestException.class, () -> FactorLabels.clean("a\u0000b", TotpFactors.DEFAULT_LABEL));
        assertThrows(InvalidRequestException.class,
                () -> FactorLabels.clean("x".repeat(101), TotpFactors.DEFAULT_LABEL));
    }

    @Test
    void reencryptsEveryOldSecretSoTheOldKeyCanGo() {
        TotpFactors old = factors(OLD_KEY, NOW);
        java.util.List<TotpEnrolment> enrolments = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TotpEnrolment enrolment = old.enrol("user" + i, null);
            old.confirm("user" + i, enrolment.factorId(), code(enrolment.secret(), NOW, -1));
            enrolments.add(enrolment);
        }
        TotpFactors rotated = factors(NEW_KEY + "," + OLD_KEY, NOW);
        assertEquals(new TotpFactors.Reencryption(3, 0), rotated.reencryptAll());
        assertEquals(new TotpFactors.Reencryption(0, 0), rotated.reencryptAll(), "nothing left to do");
        TotpFactors newOnly = factors(NEW_KEY, NOW);
        for (int i = 0; i < 3; i++) {
            assertTrue(newOnly.verify("user" + i, code(enrolments.get(i).secret(), NOW, 0)).isPresent());
        }
    }

    @Test
    void reportsSecretsWhoseKeyIsGoneAndLeavesThemAlone() {
        TotpEnrolment enrolment = factors(OLD_KEY, NOW).enrol("alice", null);
        String before = store.find(enrolment.factorId()).orElseThrow().secretCiphertext();
        assertEquals(new TotpFactors.Reencryption(0, 1), factors(NEW_KEY, NOW).reencryptAll());
        assertEquals(before, store.find(enrolment.factorId()).orElseThrow().secretCiphertext());
    }

    @Test
    void refusesASecretCopiedFromAnotherUsersRow() throws Exception {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment bobs = factors.enrol("bob", null);
        factors.confirm("bob", bobs.factorId(), code(bobs.secret(), NOW, -1));
        TotpEnrolment alices = factors.enrol("alice", null);
        factors.confirm("alice", alices.factorId(), code(alices.secret(), NOW, -1));
        // an attacker with write access to the table copies bob's ciphertext (whose codes they know) to alice's row
        try (Connection c = database.connection()) {
            var update = c.prepareStatement("UPDATE tollgate_factor SET secret_ciphertext ="
                    + " (SELECT secret_ciphertext FROM tollgate_factor WHERE id = ?) WHERE id = ?");
            update.setString(1, bobs.factorId());
            update.setString(2, alices.factorId());
            assertEquals(1, update.executeUpdate());
        }
        assertTrue(factors.verify("alice", code(bobs.secret(), NOW, 0)).isEmpty(), "bob's codes must not sign in alice");
    }

    @Test
    void explainsACodeFromAPhoneWhoseClockIsFarOff() {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment enrolment = factors.enrol("alice", null);
        factors.confirm("alice", enrolment.factorId(), code(enrolment.secret(), NOW, -1));
        String fourMinutesBehind = code(enrolment.secret(), NOW, -8);
        assertTrue(factors.verify("alice", fourMinutesBehind).isEmpty(), "still a wrong code");
        assertEquals(Optional.of(Duration.ofMinutes(-4)), factors.clockOffset("alice", fourMinutesBehind));
        assertEquals(Optional.of(Duration.ofSeconds(-90)),
                factors.clockOffset("alice", code(enrolment.secret(), NOW, -3)));
        assertEquals(Optional.empty(), factors.clockOffset("alice", code(enrolment.secret(), NOW, 8)),
                "a code of a step to come is not explained: it would sign in when that step comes");
        assertEquals(Optional.empty(), factors.clockOffset("alice", code(enrolment.secret(), NOW, 1)),
                "inside the window the clock is fine");
        assertEquals(Optional.empty(), factors.clockOffset("alice", "12x456"));
    }

    @Test
    void refusesACodeThatDrewAClockHintWhenItsTimeComes() {
        TotpEnrolment enrolment = factors(NEW_KEY, NOW).enrol("alice", null);
        factors(NEW_KEY, NOW).confirm("alice", enrolment.factorId(), code(enrolment.secret(), NOW, -1));
        for (int offset = -Totp.MAX_WINDOW; offset <= Totp.MAX_WINDOW; offset++) {
            String guess = code(enrolment.secret(), NOW, offset);
            if (factors(NEW_KEY, NOW).clockOffset("alice", guess).isEmpty()) {
                continue; // no hint: the guesser learns nothing from this code
            }
            for (int later = 1; later <= 2 * Totp.MAX_WINDOW; later++) {
                Instant then = NOW.plus(Duration.ofSeconds(30L * later));
                assertTrue(factors(NEW_KEY, then).verify("alice", guess).isEmpty(),
                        "the code of step " + offset + " drew a hint, and signed in " + later + " steps later");
            }
        }
    }

    @Test
    void leavesTheCurrentCodeValidAfterAHintAboutAPastStep() {
        TotpFactors factors = factors(NEW_KEY, NOW);
        TotpEnrolment enrolment = factors.enrol("alice", null);
        factors.confirm("alice", enrolment.factorId(), code(enrolment.secret(), NOW, -1));
        assertEquals(Optional.of(Duration.ofSeconds(-90)),
                factors.clockOffset("alice", code(enrolment.secret(), NOW, -3)));
        assertTrue(factors.verify("alice", code(enrolment.secret(), NOW, 0)).isPresent(),
                "a past step can never be accepted, so the current code still works");
    }
}
