package dev.tollgate.web.start;

import dev.tollgate.admin.AccountAdministration;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.factor.WebAuthnSupport;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.TransactionUseStore;
import dev.tollgate.store.AccountStampStore;
import dev.tollgate.store.AccountStore;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.twostep.AccountStamps;
import dev.tollgate.store.ThrottleStore;
import dev.tollgate.twostep.TransactionIds;
import dev.tollgate.twostep.UseCases;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The composition root: builds, once per application, the stores on the persistence unit, the factor services on
 * them, and the use cases on those. Nothing else in Tollgate creates a collaborator of another layer.
 *
 * @param useCases       the use cases, for the HTTP adapters
 * @param administration the administrator's operations, for {@link dev.tollgate.admin.TollgateAdministration}
 */
record Composition(UseCases useCases, AccountAdministration administration) {

    static Composition of(TollgateSettings settings, MfaPolicy policy, EntityManagerFactory persistence, Clock clock,
            SecureRandom random, List<Consumer<SecurityEvent>> eventListeners) {
        FactorStore factors = new FactorStore(persistence);
        TotpFactors totp = new TotpFactors(factors, settings.encryptionKeys(), clock, random, settings.totpWindow(),
                settings.totpSecretBits(), settings.issuer());
        // null when the WebAuthn library cannot work in this server: then security keys are not offered
        WebAuthnFactors webauthn = WebAuthnSupport.start(() -> new WebAuthnFactors(factors, clock, random),
                settings.issuer()).orElse(null);
        RecoveryCodeStore recoveryCodes = new RecoveryCodeStore(persistence);
        RecoveryCodes recovery = new RecoveryCodes(recoveryCodes,
                new RecoveryCodeHasher(settings.encryptionKeys().activeKeyId(),
                        settings.encryptionKeys().derivedKeys("recovery-code-hash")),
                clock, random, settings.limits().recoveryCodeCount());
        AccountLockStore locks = new AccountLockStore(persistence);
        SecurityEvents events = new SecurityEvents(eventListeners);
        PreferenceStore preferences = new PreferenceStore(persistence);
        EnrolmentChoices choices = new EnrolmentChoices(preferences,
                settings.grace(), clock);
        AccountAdministration administration = new AccountAdministration(factors, recoveryCodes, preferences, locks,
                new AccountStore(persistence), events, clock);
        UseCases useCases = UseCases.of(new UseCases.Services(settings, policy, factors, totp, webauthn, recovery,
                locks, choices, administration, events, new TransactionIds(random),
                new AccountStamps(new AccountStampStore(persistence), clock, settings.freshness().accountDelay()),
                clock, new ThrottleStore(persistence), new TransactionUseStore(persistence)));
        return new Composition(useCases, administration);
    }
}
