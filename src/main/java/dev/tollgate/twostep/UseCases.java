package dev.tollgate.twostep;

import dev.tollgate.admin.AccountAdministration;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.TransactionUseStore;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.ThrottleStore;
import java.time.Clock;

/**
 * Every use case of two-step sign-in, built once per application from the services below them. The HTTP adapters
 * (the JSON API, the pages, the filter, the mechanism decorator) each call these and nothing else for a rule.
 *
 * @param signIn         after the password, and step-up
 * @param verification   the second factor of a sign-in
 * @param enrolment      adding an authenticator app or a security key
 * @param factors        listing, renaming and removing factors; new recovery codes
 * @param decisions      skipping, opting out of and back into enrolment
 * @param administration the administrator's endpoint
 * @param ids            transaction ids and CSRF tokens
 * @param securityKeys   whether security keys are offered: the WebAuthn library passed its self-test here
 * @param passwords      the throttle on failed passwords at Tollgate's own sign-in
 */
public record UseCases(SignIn signIn, Verification verification, Enrolment enrolment, FactorManagement factors,
        EnrolmentDecisions decisions, UserAdministration administration, TransactionIds ids, boolean securityKeys,
        PasswordThrottle passwords) {

    /**
     * The servlet context attribute under which Tollgate keeps the use cases of an application: for tools that run in
     * the application's own process and must follow the same rules as a user would, such as the test deployment's
     * helper of {@code dev.tollgate:tollgate-testing}. The HTTP adapters get them through their constructors.
     */
    public static final String ATTRIBUTE = UseCases.class.getName();

    /**
     * The services the use cases are made of.
     *
     * @param settings       the application's settings
     * @param policy         who must use a second factor
     * @param factorStore    the factors
     * @param totp           authenticator apps
     * @param webauthn       security keys, or null where the WebAuthn library cannot work
     * @param recovery       recovery codes
     * @param locks          the account locks
     * @param choices        the enrolment choices and grace periods
     * @param accounts       the administrator's operations
     * @param events         where security events go
     * @param ids            transaction ids
     * @param stamps         the account stamps, which tell sessions that the user's factors changed
     * @param clock          the server's time
     * @param throttles      the counters of failed passwords
     * @param uses           the attempts of each login transaction and the single use of each security-key challenge,
     *                       counted in the database so that no copy of a replicated session spends them twice
     */
    public record Services(TollgateSettings settings, MfaPolicy policy, FactorStore factorStore, TotpFactors totp,
            WebAuthnFactors webauthn, RecoveryCodes recovery, AccountLockStore locks, EnrolmentChoices choices,
            AccountAdministration accounts, SecurityEvents events, TransactionIds ids, AccountStamps stamps,
            Clock clock, ThrottleStore throttles, TransactionUseStore uses) {

        /** The transaction's limits that hold across servers, counted in {@link #uses}. */
        TransactionLimits limits() {
            return new TransactionLimits(uses, clock);
        }

        /** Where the use cases publish their security events, stamped with the clock's time. */
        Audit audit() {
            return new Audit(events, clock);
        }
    }

    /**
     * Builds every use case.
     *
     * @param services what they are made of
     * @return the use cases
     */
    public static UseCases of(Services services) {
        Verification verification = new Verification(services);
        return new UseCases(new SignIn(services), verification, new Enrolment(services, verification),
                new FactorManagement(services, verification), new EnrolmentDecisions(services),
                new UserAdministration(services), services.ids(), services.webauthn() != null,
                new PasswordThrottle(services.settings().loginThrottle(), services.throttles(), services.clock(),
                        services.settings().encryptionKeys().derivedKeys("login-throttle").values().iterator()
                                .next()));
    }
}
