package dev.tollgate.web;

import dev.tollgate.admin.AccountAdministration;
import dev.tollgate.config.TollgateSettings;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.factor.EnrolmentChoices;
import dev.tollgate.factor.RecoveryCodes;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.factor.WebAuthnSupport;
import dev.tollgate.config.WebAuthnSettings;
import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.otp.QrCodes;
import dev.tollgate.policy.GracePeriod;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.store.AccountStore;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.store.FactorStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything Tollgate needs at run time for one web application, wired once at start-up by
 * {@link TollgateContextListener} and kept as a servlet context attribute for the filter, the servlets and the
 * mechanism decorator.
 */
public final class Tollgate {

    /** The servlet context attribute that holds the instance. */
    public static final String ATTRIBUTE = Tollgate.class.getName();

    /** Sessions are locked by stripe: enough to keep one session's requests in order without a lock per session. */
    private static final int LOCK_STRIPES = 256;

    private final TollgateSettings settings;
    private final MfaPolicy policy;
    private final FactorStore store;
    private final TotpFactors totp;
    private final WebAuthnFactors webauthn;
    private final RecoveryCodes recovery;
    private final AccountLockStore locks;
    private final SecurityEvents events;
    private final SignInFlow flow;
    private final EnrolmentChoices choices;
    private final AccountAdministration administration;
    private final QrCodes qrCodes;
    private final Navigation navigation;
    private final TransactionIds ids;
    private final EntityManagerFactory entityManagerFactory;
    private final boolean mechanismWrapped;
    private final Object[] sessionLocks = new Object[LOCK_STRIPES];

    Tollgate(TollgateSettings settings, MfaPolicy policy, EntityManagerFactory entityManagerFactory, Clock clock,
            SecureRandom random, boolean mechanismWrapped, List<Consumer<SecurityEvent>> eventListeners) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.entityManagerFactory = entityManagerFactory;
        this.store = new FactorStore(entityManagerFactory);
        this.totp = new TotpFactors(store, settings.encryptionKeys(), clock, random, settings.totpWindow(),
                settings.totpSecretBits(), settings.issuer());
        // null when the WebAuthn library cannot work in this server: then security keys are not offered
        this.webauthn = WebAuthnSupport.start(() -> new WebAuthnFactors(store, clock, random),
                settings.issuer()).orElse(null);
        this.ids = new TransactionIds(random);
        Map<String, byte[]> hashKeys = settings.encryptionKeys().derivedKeys("recovery-code-hash");
        RecoveryCodeStore recoveryCodes = new RecoveryCodeStore(entityManagerFactory);
        this.recovery = new RecoveryCodes(recoveryCodes,
                new RecoveryCodeHasher(settings.encryptionKeys().activeKeyId(), hashKeys), clock, random,
                settings.limits().recoveryCodeCount());
        this.locks = new AccountLockStore(entityManagerFactory);
        this.events = new SecurityEvents(eventListeners);
        PreferenceStore preferences = new PreferenceStore(entityManagerFactory);
        this.choices = new EnrolmentChoices(preferences,
                new GracePeriod(settings.grace().signIns(), settings.grace().days()), clock);
        this.flow = new SignInFlow(policy, store, totp, clock, settings.transactionTtl(),
                settings.transactionMaxAttempts(), ids, recovery, locks, settings.limits(), events, choices,
                webauthn);
        this.administration = new AccountAdministration(store, recoveryCodes, preferences, locks,
                new AccountStore(entityManagerFactory), events, clock);
        this.qrCodes = QrCodes.standard();
        this.navigation = new Navigation(settings);
        this.mechanismWrapped = mechanismWrapped;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            sessionLocks[i] = new Object();
        }
    }

    /**
     * Returns the instance of a web application.
     *
     * @param context the application's servlet context
     * @return the instance
     * @throws IllegalStateException if Tollgate did not start in this application
     */
    public static Tollgate of(ServletContext context) {
        Object tollgate = context.getAttribute(ATTRIBUTE);
        if (tollgate instanceof Tollgate t) {
            return t;
        }
        throw new IllegalStateException("Tollgate is not started in " + context.getContextPath()
                + "; check the server log for its start-up error");
    }

    TollgateSettings settings() {
        return settings;
    }

    MfaPolicy policy() {
        return policy;
    }

    FactorStore store() {
        return store;
    }

    TotpFactors totp() {
        return totp;
    }

    /**
     * The security-key ceremonies.
     *
     * @throws ApiException 503 {@code security_keys_unavailable} if security keys are not offered in this server
     */
    WebAuthnFactors webauthn() {
        if (webauthn == null) {
            throw securityKeysUnavailable();
        }
        return webauthn;
    }

    static ApiException securityKeysUnavailable() {
        return new ApiException(503, "security_keys_unavailable", "Security keys cannot be used on this server:"
                + " use an authenticator app or a recovery code");
    }

    /** Tells whether security keys are offered: the WebAuthn library passed its start-up self-test here. */
    boolean securityKeys() {
        return webauthn != null;
    }

    /**
     * The relying party of a request: the configured RP id and origins, or else the request's host name and origin,
     * which is right for an application reached under one name (see {@link dev.tollgate.config.WebAuthnSettings}).
     */
    WebAuthnFactors.RelyingParty relyingParty(HttpServletRequest request) {
        WebAuthnSettings configured = settings.webauthn();
        String scheme = request.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = request.getServerName().toLowerCase(java.util.Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        String requestOrigin = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + (defaultPort ? "" : ":" + port);
        return new WebAuthnFactors.RelyingParty(configured.rpId().orElse(host),
                configured.origins().isEmpty() ? java.util.Set.of(requestOrigin)
                        : new java.util.LinkedHashSet<>(configured.origins()),
                configured.userVerification());
    }

    RecoveryCodes recovery() {
        return recovery;
    }

    AccountLockStore locks() {
        return locks;
    }

    SignInFlow flow() {
        return flow;
    }

    EnrolmentChoices choices() {
        return choices;
    }

    /**
     * Returns the administrator's operations of this application, which {@link TollgateContextListener} also
     * publishes as the servlet context attribute {@link AccountAdministration#ATTRIBUTE} for
     * {@link dev.tollgate.admin.TollgateAdministration}.
     *
     * @return the administration
     */
    AccountAdministration administration() {
        return administration;
    }

    /** Where users are sent; immutable, so one serves every request (the filter's path included). */
    Navigation navigation() {
        return navigation;
    }

    QrCodes qrCodes() {
        return qrCodes;
    }

    TransactionIds ids() {
        return ids;
    }

    /**
     * Tells whether the application signs in through a Jakarta Security mechanism that Tollgate wraps, rather than
     * through the container's own FORM or BASIC login.
     */
    boolean mechanismWrapped() {
        return mechanismWrapped;
    }

    /**
     * Serialises a session's state changes. The stripe is chosen by the session id, so two requests that straddle a
     * change of id may take different stripes; the transaction they race for is then already gone for one of them.
     */
    Object lockFor(HttpSession session) {
        return sessionLocks[Math.floorMod(session.getId().hashCode(), LOCK_STRIPES)];
    }

    /** The session's state, or null; never creates a session. */
    static MfaState state(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (MfaState) session.getAttribute(MfaState.ATTRIBUTE);
    }

    /** Stores the session's state, creating the session if needed. */
    static void store(HttpServletRequest request, MfaState state) {
        if (state == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(MfaState.ATTRIBUTE);
            }
        } else {
            request.getSession(true).setAttribute(MfaState.ATTRIBUTE, state);
        }
    }

    void close() {
        if (entityManagerFactory != null && entityManagerFactory.isOpen()) {
            entityManagerFactory.close();
        }
    }
}
