package dev.tollgate.twostep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.admin.AccountAdministration;
import dev.tollgate.config.SettingSource;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.policy.GracePeriod;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.TransactionUseStore;
import dev.tollgate.store.AccountStampStore;
import dev.tollgate.store.AccountStore;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.ThrottleStore;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.store.TollgatePersistence;
import dev.tollgate.testing.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Every use case on a real store (H2 and EclipseLink), real encryption, the real WebAuthn library and a clock the
 * tests move: the use cases' tests need no server. One per test; {@link #close()} after it.
 */
final class TwoStepFixture implements AutoCloseable {

    static final String KEYS = "unit-2026:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    /** The middle of a time step, so that moving by less than 15 seconds stays in it. */
    static final Instant T0 = Instant.parse("2026-11-26T10:00:15Z");
    static final String RP_ID = "localhost";
    static final String ORIGIN = "http://localhost:8080";
    static final WebAuthnFactors.RelyingParty RP = new WebAuthnFactors.RelyingParty(RP_ID, Set.of(ORIGIN),
            dev.tollgate.config.WebAuthnSettings.UserVerification.PREFERRED);
    private static final Totp AUTHENTICATOR = new Totp(OtpParameters.DEFAULT, 0);

    final MutableClock clock = new MutableClock(T0);
    /** Synchronized: the race tests publish from many threads at once. */
    final List<SecurityEvent> published = java.util.Collections.synchronizedList(new ArrayList<>());
    final EntityManagerFactory emf;
    final FactorStore factors;
    final TotpFactors totp;
    final RecoveryCodes recovery;
    final UseCases useCases;
    /** How long a server reuses an account stamp it read. */
    static final Duration ACCOUNT_DELAY = Duration.ofSeconds(2);
    private final UseCases.Services services;

    TwoStepFixture(MfaPolicy.Mode policy) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:twostep" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        emf = TollgatePersistence.open(dataSource, TollgatePersistence.SchemaGeneration.MIGRATE, "/test");
        factors = new FactorStore(emf);
        SecureRandom random = new SecureRandom();
        totp = new TotpFactors(factors, KeyRing.parse(KEYS), clock, random, 1, 160, "Test");
        RecoveryCodeStore codes = new RecoveryCodeStore(emf);
        recovery = new RecoveryCodes(codes, new RecoveryCodeHasher("k", Map.of("k", new byte[32])), clock, random, 10);
        AccountLockStore locks = new AccountLockStore(emf);
        PreferenceStore preferences = new PreferenceStore(emf);
        SecurityEvents events = new SecurityEvents(List.of(published::add));
        EnrolmentChoices choices = new EnrolmentChoices(preferences, GracePeriod.NONE, clock);
        TollgateSettings settings = TollgateSettings.read(SettingSource.of(Map.of(
                TollgateSettings.ENCRYPTION_KEYS, KEYS, "tollgate.admin.role", "helpdesk")), "Test");
        services = new UseCases.Services(settings, new MfaPolicy(policy, Set.of()), factors, totp,
                new WebAuthnFactors(factors, clock, random), recovery, locks, choices,
                new AccountAdministration(factors, codes, preferences, locks, new AccountStore(emf), events, clock),
                events, new TransactionIds(random), stampsOfANewServer(), clock, new ThrottleStore(emf),
                new TransactionUseStore(emf));
        useCases = UseCases.of(services);
    }

    /** The use cases of another server on the same database: it has read no account stamp yet. */
    UseCases anotherServer() {
        UseCases.Services s = services;
        return UseCases.of(new UseCases.Services(s.settings(), s.policy(), s.factorStore(), s.totp(), s.webauthn(),
                s.recovery(), s.locks(), s.choices(), s.accounts(), s.events(), s.ids(), stampsOfANewServer(),
                s.clock(), s.throttles(), s.uses()));
    }

    private AccountStamps stampsOfANewServer() {
        return new AccountStamps(new AccountStampStore(emf), clock, ACCOUNT_DELAY);
    }

    /** A session right after the password. */
    MfaState signedIn(String user) {
        return useCases.signIn().afterPassword(new SessionIdentity(user, Set.of(), Origin.CONTAINER), role -> false,
                null, true).state();
    }

    /** A session at aal2 (as after its second factor). */
    MfaState atAal2(String user) {
        return signedIn(user).atAal2(clock.instant());
    }

    static Caller caller(MfaState state) {
        return new Caller(state, role -> false, "192.0.2.7");
    }

    /** Enrols and confirms an authenticator app with the code of the step before the current one. */
    Secret enrolledApp(String user) {
        TotpEnrolment enrolment = totp.enrol(user, "phone");
        assertTrue(totp.confirm(user, enrolment.factorId(), codeAt(enrolment.secret(), -1)));
        return enrolment.secret();
    }

    /** The code an authenticator shows {@code offset} steps from the clock's current step. */
    String codeAt(Secret secret, int offset) {
        return AUTHENTICATOR.generateForStep(secret, AUTHENTICATOR.timeStep(clock.instant()) + offset);
    }

    /**
     * A well-formed code that the app shows at no step the clock hint reaches, so that it draws none either: a wrong
     * code for every check.
     */
    String wrongCode(Secret secret) {
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean produced = false;
            for (int offset = -Totp.MAX_WINDOW; offset <= Totp.MAX_WINDOW; offset++) {
                produced |= codeAt(secret, offset).equals(code);
            }
            if (!produced) {
                return code;
            }
        }
    }

    /** How many events of a type were published. */
    long count(SecurityEventType type) {
        return published.stream().filter(e -> e.type() == type).count();
    }

    /** The state a successful outcome stores, or the caller's if it keeps the session. */
    static MfaState stored(Outcome<?> outcome, MfaState before) {
        return outcome.session().state() != null ? outcome.session().state() : before;
    }

    static boolean atLevel(MfaState state, AssuranceLevel aal) {
        return state.aal() == aal;
    }

    @Override
    public void close() {
        emf.close();
    }
}
