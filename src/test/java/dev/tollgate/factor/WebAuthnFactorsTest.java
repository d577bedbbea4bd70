package dev.tollgate.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.config.WebAuthnSettings.UserVerification;
import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.FactorType;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The relying party's glue around webauthn4j, against a software authenticator and an in-memory database. */
class WebAuthnFactorsTest {

    private static final String RP_ID = "localhost";
    private static final String ORIGIN = "http://localhost:8080";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final WebAuthnFactors.RelyingParty RP = new WebAuthnFactors.RelyingParty(RP_ID, Set.of(ORIGIN),
            UserVerification.PREFERRED);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private FactorStore store;
    private RecoveryCodes recovery;
    private WebAuthnFactors webauthn;
    private SoftwareAuthenticator key;

    @BeforeEach
    void open() throws Exception {
        store = new FactorStore(database.persistenceUnit());
        recovery = new RecoveryCodes(new RecoveryCodeStore(database.persistenceUnit()),
                new RecoveryCodeHasher("k", Map.of("k", new byte[32])), Clock.systemUTC(), new SecureRandom(), 10);
        webauthn = at(NOW);
        key = new SoftwareAuthenticator();
    }

    private WebAuthnFactors at(Instant now) {
        return new WebAuthnFactors(store, Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
    }

    private Factor register() throws Exception {
        RegistrationCeremony ceremony = webauthn.startRegistration("alice", "blue key");
        return webauthn.finishRegistration("alice", ceremony,
                key.register(RP_ID, ORIGIN, ceremony.challenge()), RP, recovery).factor();
    }

    private WebAuthnFactors.Outcome signIn(String origin) throws Exception {
        AssertionCeremony ceremony = webauthn.startAuthentication("alice", "tx").orElseThrow();
        return webauthn.verify("alice", ceremony, key.assert_(RP_ID, origin, ceremony.challenge()), RP);
    }

    @Test
    void registersAKeyWithItsCredentialAndFirstRecoveryCodes() throws Exception {
        RegistrationCeremony ceremony = webauthn.startRegistration("alice", "blue key");
        WebAuthnFactors.Registration registration = webauthn.finishRegistration("alice", ceremony,
                key.register(RP_ID, ORIGIN, ceremony.challenge()), RP, recovery);

        Factor stored = store.find(registration.factor().id()).orElseThrow();
        assertEquals(FactorType.WEBAUTHN, stored.type());
        assertEquals("blue key", stored.label());
        assertTrue(stored.confirmed());
        assertEquals(key.credentialId(), stored.webauthn().credentialId());
        assertEquals("usb", stored.webauthn().transports());
        assertEquals("00000000-0000-0000-0000-000000000000", stored.webauthn().aaguid());
        assertEquals(ceremony.userHandle(), stored.webauthn().userHandle());
        assertEquals(10, registration.recoveryCodes().size());
    }

    @Test
    void signsInWithTheRegisteredKeyAndRecordsCounterAndUse() throws Exception {
        Factor factor = register();

        WebAuthnFactors.Outcome outcome = signIn(ORIGIN);

        assertEquals(factor.id(), assertInstanceOf(WebAuthnFactors.Accepted.class, outcome).factor().id());
        Factor after = store.find(factor.id()).orElseThrow();
        assertEquals(1, after.webauthn().signCount());
        assertEquals(NOW, after.lastUsedAt());
    }

    @Test
    void refusesAnAssertionFromAnotherOrigin() throws Exception {
        register();

        WebAuthnFactors.Outcome outcome = signIn("https://evil.example");

        assertInstanceOf(WebAuthnFactors.Refused.class, outcome);
    }

    @Test
    void refusesARegistrationFromAnotherOrigin() throws Exception {
        RegistrationCeremony ceremony = webauthn.startRegistration("alice", null);

        assertThrows(WebAuthnException.class, () -> webauthn.finishRegistration("alice", ceremony,
                key.register(RP_ID, "https://evil.example", ceremony.challenge()), RP, recovery));
        assertTrue(store.findByUser("alice").isEmpty());
    }

    @Test
    void reportsACounterThatWentBackwardsAsAPossibleClone() throws Exception {
        Factor factor = register();
        key.counter(41);
        assertInstanceOf(WebAuthnFactors.Accepted.class, signIn(ORIGIN));   // counter 42 stored
        key.counter(9);                                                      // a copy that signed less often

        WebAuthnFactors.Outcome outcome = signIn(ORIGIN);

        WebAuthnFactors.Cloned cloned = assertInstanceOf(WebAuthnFactors.Cloned.class, outcome);
        assertEquals(42, cloned.stored());
        assertEquals(10, cloned.asserted());
        assertEquals(42, store.find(factor.id()).orElseThrow().webauthn().signCount());
    }

    @Test
    void refusesAnAssertionForAnotherChallenge() throws Exception {
        register();
        AssertionCeremony ceremony = webauthn.startAuthentication("alice", "tx").orElseThrow();
        AssertionCeremony other = webauthn.startAuthentication("alice", "tx").orElseThrow();

        WebAuthnFactors.Outcome outcome = webauthn.verify("alice", ceremony,
                key.assert_(RP_ID, ORIGIN, other.challenge()), RP);

        assertInstanceOf(WebAuthnFactors.Refused.class, outcome);
    }

    @Test
    void refusesAnAssertionForAnotherRelyingPartyId() throws Exception {
        register();
        AssertionCeremony ceremony = webauthn.startAuthentication("alice", "tx").orElseThrow();

        WebAuthnFactors.Outcome outcome = webauthn.verify("alice", ceremony,
                key.assert_("evil.example", ORIGIN, ceremony.challenge()), RP);

        assertInstanceOf(WebAuthnFactors.Refused.class, outcome);
    }

    @Test
    void refusesAnAssertionWithoutUserPresence() throws Exception {
        register();
        key.withoutUserPresence();

        assertInstanceOf(WebAuthnFactors.Refused.class, signIn(ORIGIN));
    }

    @Test
    void requiresUserVerificationOnlyWhenConfigured() throws Exception {
        register();
        key.withoutUserVerification();
        assertInstanceOf(WebAuthnFactors.Accepted.class, signIn(ORIGIN));

        WebAuthnFactors.RelyingParty strict = new WebAuthnFactors.RelyingParty(RP_ID, Set.of(ORIGIN),
                UserVerification.REQUIRED);
        AssertionCeremony ceremony = webauthn.startAuthentication("alice", "tx").orElseThrow();
        assertInstanceOf(WebAuthnFactors.Refused.class, webauthn.verify("alice", ceremony,
                key.assert_(RP_ID, ORIGIN, ceremony.challenge()), strict));
    }

    @Test
    void refusesAnExpiredChallenge() throws Exception {
        register();
        AssertionCeremony ceremony = webauthn.startAuthentication("alice", "tx").orElseThrow();
        String answer = key.assert_(RP_ID, ORIGIN, ceremony.challenge());

        WebAuthnFactors.Outcome outcome = at(NOW.plus(WebAuthnFactors.CEREMONY_TTL)).verify("alice", ceremony,
                answer, RP);

        assertInstanceOf(WebAuthnFactors.Refused.class, outcome);
    }

    @Test
    void refusesAnotherUsersKey() throws Exception {
        register();
        AssertionCeremony bobs = new AssertionCeremony("AAAA",
                List.of(new WebAuthnCeremony.KeyDescriptor(key.credentialId(), List.of("usb"))), "tx",
                NOW.plusSeconds(60));

        WebAuthnFactors.Outcome outcome = webauthn.verify("bob", bobs, key.assert_(RP_ID, ORIGIN, "AAAA"), RP);

        assertInstanceOf(WebAuthnFactors.Refused.class, outcome);
    }

    @Test
    void excludesTheUsersKeysAndRefusesTheSameKeyTwice() throws Exception {
        Factor first = register();
        RegistrationCeremony again = webauthn.startRegistration("alice", "same key");

        assertEquals(List.of(first.webauthn().credentialId()),
                again.keys().stream().map(WebAuthnCeremony.KeyDescriptor::id).toList());
        assertEquals(first.webauthn().userHandle(), again.userHandle());
        assertThrows(WebAuthnException.class, () -> webauthn.finishRegistration("alice", again,
                key.register(RP_ID, ORIGIN, again.challenge()), RP, recovery));
        assertEquals(1, store.findByUser("alice").size());
    }

    @Test
    void offersNoSecurityKeyToAUserWithout() {
        assertFalse(webauthn.startAuthentication("alice", "tx").isPresent());
    }

    @Test
    void aSecondKeyComesWithoutNewRecoveryCodes() throws Exception {
        register();
        SoftwareAuthenticator second = new SoftwareAuthenticator();
        RegistrationCeremony ceremony = webauthn.startRegistration("alice", "spare");

        WebAuthnFactors.Registration registration = webauthn.finishRegistration("alice", ceremony,
                second.register(RP_ID, ORIGIN, ceremony.challenge()), RP, recovery);

        assertNotNull(registration.factor());
        assertTrue(registration.recoveryCodes().isEmpty());
        assertEquals(2, webauthn.credentialsOf("alice").size());
    }
}
