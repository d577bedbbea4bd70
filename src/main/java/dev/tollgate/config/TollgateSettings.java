package dev.tollgate.config;

import dev.tollgate.policy.GracePeriod;
import dev.tollgate.policy.MfaPolicy;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.store.TollgatePersistence.SchemaGeneration;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every Tollgate setting, read once at start-up and validated: the one place the rest of Tollgate asks.
 *
 * <pre>{@code
 * TollgateSettings settings = ServletContextSettings.read(servletContext);        // in a deployment
 * TollgateSettings settings = TollgateSettings.read(SettingSource.of(map), "ACME"); // in a test
 * }</pre>
 *
 * <p>Each setting is looked up as a system property {@code tollgate.x.y}, then an environment variable
 * {@code TOLLGATE_X_Y}, then a servlet context init parameter {@code tollgate.x.y} (see {@link SettingSource}).
 * Values are trimmed. A missing or invalid value stops the start-up with a {@link ConfigurationException} that names
 * the setting, repeats the value and says what is allowed; lists (comma-separated, spaces around entries ignored)
 * and pages may be set to the empty string to mean "none".
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>allowed values and meaning</th></tr>
 *   <tr><td>{@code tollgate.policy}</td><td>{@code optional}</td><td>{@code optional}: users who enrolled a
 *       factor must use it; {@code required}: every user must enrol and use one; {@code roles}: required for the
 *       roles in {@code tollgate.policy.roles}, optional for others</td></tr>
 *   <tr><td>{@code tollgate.policy.roles}</td><td>none</td><td>comma-separated role names; must not be empty when
 *       the policy is {@code roles}, ignored otherwise</td></tr>
 *   <tr><td>{@code tollgate.basePath}</td><td>{@code /mfa}</td><td>where Tollgate's own pages and API live: starts
 *       with {@code /}, no trailing {@code /}, segments of letters, digits, {@code - _ . ~}, no {@code .} or
 *       {@code ..} segment</td></tr>
 *   <tr><td>{@code tollgate.stepUpPaths}</td><td>none</td><td>{@link UrlPatterns URL patterns} that require a
 *       fresh second factor even in an already verified session</td></tr>
 *   <tr><td>{@code tollgate.publicPaths}</td><td>none</td><td>URL patterns of static resources that the filter
 *       always lets through: folders and files ({@code /css/*}, {@code /favicon.ico}); extension patterns
 *       ({@code *.css}), {@code /} and {@code /*} are refused, as they also match servlets</td></tr>
 *   <tr><td>{@code tollgate.apiPaths}</td><td>{@code /api/*}</td><td>URL patterns answered with a 401 JSON body
 *       instead of a redirect to the challenge page</td></tr>
 *   <tr><td>{@code tollgate.issuer}</td><td>the web application's display name, else {@code Tollgate}</td><td>the
 *       name authenticator apps show: not blank, at most 256 characters, no {@code :}</td></tr>
 *   <tr><td>{@code tollgate.encryptionKeys}</td><td><strong>required</strong></td><td>the key ring that encrypts
 *       TOTP secrets at rest, {@code id:base64} entries separated by commas, the active key first (see
 *       {@link KeyRing}); make one with {@code java -cp tollgate.jar dev.tollgate.crypto.KeyRing}</td></tr>
 *   <tr><td>{@code tollgate.transaction.ttl}</td><td>{@code PT5M}</td><td>how long a sign-in may wait for its
 *       second factor: an ISO-8601 duration or a number of seconds, from 30 seconds to 1 hour</td></tr>
 *   <tr><td>{@code tollgate.transaction.maxAttempts}</td><td>{@code 5}</td><td>wrong codes allowed per sign-in,
 *       1 to 20</td></tr>
 *   <tr><td>{@code tollgate.totp.window}</td><td>{@code 1}</td><td>time steps of clock drift accepted either side,
 *       0 to 10</td></tr>
 *   <tr><td>{@code tollgate.totp.secretBits}</td><td>{@code 160}</td><td>length of new TOTP secrets, 128 to 512, a
 *       multiple of 8</td></tr>
 *   <tr><td>{@code tollgate.dataSource}</td><td>{@code java:comp/DefaultDataSource}</td><td>JNDI name of the data
 *       source for Tollgate's tables</td></tr>
 *   <tr><td>{@code tollgate.schemaGeneration}</td><td>{@code migrate}</td><td>{@code migrate}: apply the versioned
 *       SQL migrations in the jar with Flyway (history in {@code tollgate_schema_history}), baselining tables made by
 *       {@code create-or-extend-tables}; {@code create-or-extend-tables}: the persistence provider adds missing
 *       tables and columns (for databases Flyway does not support, such as Derby); {@code none}: a DBA runs the SQL
 *       files of {@code db/tollgate} (see {@link SchemaGeneration})</td></tr>
 *   <tr><td>{@code tollgate.grace.signIns}, {@code tollgate.grace.days}</td><td>{@code 0}</td><td>the grace
 *       period of a {@code required} rollout: sign-ins (0 to 1000) or days from the first one (0 to 365) during
 *       which a user without a factor may skip enrolment; 0 switches a limit off</td></tr>
 *   <tr><td>{@code tollgate.freshProof.maxAge}, {@code tollgate.stepUp.maxAge},
 *       {@code tollgate.accountChanges.maxDelay}</td><td>{@code PT5M}, {@code PT15M}, {@code PT2S}</td><td>how
 *       recent a session's proof and its view of the account must be (see {@link Freshness})</td></tr>
 *   <tr><td>{@code tollgate.admin.role}</td><td>none</td><td>the role whose members (at aal2) may list and reset
 *       users' factors through {@code <basePath>/api/admin/users/{name}/factors}; unset, the endpoint does not
 *       exist</td></tr>
 *   <tr><td>{@code tollgate.pages.login}, {@code .challenge}, {@code .enroll}, {@code .factors}</td><td>none
 *       (Tollgate's pages)</td><td>the application's own page for that step: a path starting with {@code /}
 *       (not {@code //}), without spaces or {@code ..}</td></tr>
 *   <tr><td>{@code tollgate.userNames}</td><td>{@code exact}</td><td>{@code exact}: factors are kept under
 *       the caller name as the realm or identity store gave it; {@code ignore-case}: in lower case, for stores
 *       that ignore case (see {@link UserNames})</td></tr>
 *   <tr><td>{@code tollgate.loginThrottle.*}</td><td>see {@link ThrottleSettings}</td><td>the limits on failed
 *       passwords at Tollgate's own sign-in</td></tr>
 * </table>
 *
 * <p>{@link #toString()} is safe to log: the key ring shows its key ids only, and the raw text of
 * {@code tollgate.encryptionKeys} is not kept.
 *
 * @param policy                 who must use a second factor
 * @param policyRoles            the roles that must, when the policy is {@link MfaPolicy.Mode#ROLES}; in the order given
 * @param basePath               the context-relative path under which Tollgate serves its pages and API
 * @param stepUpPaths            paths that require a fresh second factor
 * @param publicPaths            paths the filter never stops
 * @param apiPaths               paths answered with JSON instead of redirects
 * @param issuer                 the name authenticator apps show
 * @param encryptionKeys         the keys that encrypt TOTP secrets
 * @param transactionTtl         how long a sign-in waits for its second factor
 * @param transactionMaxAttempts wrong codes allowed per sign-in
 * @param totpWindow             time steps of drift accepted either side
 * @param totpSecretBits         length of new TOTP secrets
 * @param dataSource             JNDI name of the data source
 * @param schemaGeneration       what Tollgate does to its tables at start-up
 * @param pages                  the application's own pages, where it has them
 * @param limits                 the limits against guessing, and the size of a recovery-code set
 * @param grace                  the grace period of a {@code required} rollout
 * @param adminRole              the role that may use the administrator's JSON endpoint, or empty to disable it
 * @param webauthn               the relying-party settings of security keys
 * @param freshness              how recent a session's proof and its view of the account must be
 * @param loginThrottle          the limits on failed passwords at Tollgate's own sign-in (see {@link ThrottleSettings})
 * @param userNames              how an account is keyed by the caller name (see {@link UserNames})
 */
public record TollgateSettings(
        MfaPolicy.Mode policy,
        Set<String> policyRoles,
        String basePath,
        UrlPatterns stepUpPaths,
        UrlPatterns publicPaths,
        UrlPatterns apiPaths,
        String issuer,
        KeyRing encryptionKeys,
        Duration transactionTtl,
        int transactionMaxAttempts,
        int totpWindow,
        int totpSecretBits,
        String dataSource,
        SchemaGeneration schemaGeneration,
        Pages pages,
        Limits limits,
        GracePeriod grace,
        Optional<String> adminRole,
        WebAuthnSettings webauthn,
        Freshness freshness,
        ThrottleSettings loginThrottle,
        UserNames userNames) {

    /** Setting name: who must use a second factor. */
    public static final String POLICY = "tollgate.policy";
    /** Setting name: the roles that must use a second factor when the policy is {@code roles}. */
    public static final String POLICY_ROLES = "tollgate.policy.roles";
    /** Setting name: where Tollgate's pages and API live. */
    public static final String BASE_PATH = "tollgate.basePath";
    /** Setting name: URL patterns that require a fresh second factor. */
    public static final String STEP_UP_PATHS = "tollgate.stepUpPaths";
    /** Setting name: URL patterns the filter always lets through. */
    public static final String PUBLIC_PATHS = "tollgate.publicPaths";
    /** Setting name: URL patterns answered with JSON. */
    public static final String API_PATHS = "tollgate.apiPaths";
    /** Setting name: the issuer authenticator apps show. */
    public static final String ISSUER = "tollgate.issuer";
    /** Setting name: the key ring for secrets at rest. */
    public static final String ENCRYPTION_KEYS = "tollgate.encryptionKeys";
    /** Setting name: how long a sign-in waits for its second factor. */
    public static final String TRANSACTION_TTL = "tollgate.transaction.ttl";
    /** Setting name: wrong codes allowed per sign-in. */
    public static final String TRANSACTION_MAX_ATTEMPTS = "tollgate.transaction.maxAttempts";
    /** Setting name: TOTP drift window. */
    public static final String TOTP_WINDOW = "tollgate.totp.window";
    /** Setting name: length of new TOTP secrets. */
    public static final String TOTP_SECRET_BITS = "tollgate.totp.secretBits";
    /** Setting name: JNDI name of the data source. */
    public static final String DATA_SOURCE = "tollgate.dataSource";
    /** Setting name: whether Tollgate creates its tables. */
    public static final String SCHEMA_GENERATION = "tollgate.schemaGeneration";
    /** Setting name: the application's login page. */
    public static final String PAGES_LOGIN = "tollgate.pages.login";
    /** Setting name: the application's second-factor challenge page. */
    public static final String PAGES_CHALLENGE = "tollgate.pages.challenge";
    /** Setting name: the application's enrolment page. */
    public static final String PAGES_ENROLL = "tollgate.pages.enroll";
    /** Setting name: the application's page for managing factors. */
    public static final String PAGES_FACTORS = "tollgate.pages.factors";
    /** Consecutive wrong second factors after which an account's second factor is locked. */
    public static final String LOCKOUT_THRESHOLD = "tollgate.lockout.threshold";
    /** The first lock's length; each further lock without a success in between doubles it, up to one hour. */
    public static final String LOCKOUT_DELAY = "tollgate.lockout.delay";
    /** How many recovery codes a set has. */
    public static final String RECOVERY_CODE_COUNT = "tollgate.recoveryCodes.count";
    /** Sign-ins without a factor allowed when the policy requires one, before enrolment is forced. */
    public static final String GRACE_SIGN_INS = "tollgate.grace.signIns";
    /** Days from the first sign-in without a factor during which a policy that requires one lets the user skip. */
    public static final String GRACE_DAYS = "tollgate.grace.days";
    /** The role whose members may use the administrator's JSON endpoint; unset disables it. */
    public static final String ADMIN_ROLE = "tollgate.admin.role";

    /** Setting name: how an account is keyed by the caller name. */
    public static final String USER_NAMES = "tollgate.userNames";

    /** The issuer when neither the setting nor a display name gives one. */
    public static final String DEFAULT_ISSUER = "Tollgate";

    /**
     * The application's own pages that replace Tollgate's, each a context-relative path.
     *
     * @param login     where to send a user who is not signed in
     * @param challenge where a user enters a code
     * @param enroll    where a user sets up a factor
     * @param factors   where a user manages factors
     */
    public record Pages(Optional<String> login, Optional<String> challenge, Optional<String> enroll,
            Optional<String> factors) {

        /** Tollgate's own page for every step. */
        public static final Pages NONE = new Pages(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        /**
         * Validates the paths.
         *
         * @throws ConfigurationException if a path does not start with a single {@code /}, or has a space or
         *                                {@code ..}
         */
        public Pages {
            Rules.requirePage(PAGES_LOGIN, login);
            Rules.requirePage(PAGES_CHALLENGE, challenge);
            Rules.requirePage(PAGES_ENROLL, enroll);
            Rules.requirePage(PAGES_FACTORS, factors);
        }
    }

    /**
     * The limits against guessing, and the size of a recovery-code set.
     *
     * @param lockoutThreshold  {@value #LOCKOUT_THRESHOLD}: consecutive failures that lock, 1 to 100 (default 10)
     * @param lockoutDelay      {@value #LOCKOUT_DELAY}: the first lock's length, 1 second to 1 hour (default PT1M)
     * @param recoveryCodeCount {@value #RECOVERY_CODE_COUNT}: codes per set, 5 to 50 (default 10)
     */
    public record Limits(int lockoutThreshold, Duration lockoutDelay, int recoveryCodeCount) {

        /** The defaults. */
        public static final Limits DEFAULT = new Limits(10, Duration.ofMinutes(1), 10);

        /**
         * Validates the limits.
         *
         * @throws ConfigurationException naming the setting that is out of range
         */
        public Limits {
            Rules.requireInt(LOCKOUT_THRESHOLD, lockoutThreshold, String.valueOf(lockoutThreshold));
            Rules.requireInt(RECOVERY_CODE_COUNT, recoveryCodeCount, String.valueOf(recoveryCodeCount));
            Rules.requireLockoutDelay(Objects.requireNonNull(lockoutDelay, "lockoutDelay"), lockoutDelay.toString());
        }
    }

    /**
     * Validates the snapshot, so that one built in code obeys the same rules as one read from settings.
     *
     * @throws ConfigurationException if a value is out of range; the message names the setting
     */
    public TollgateSettings {
        Objects.requireNonNull(policy, "policy");
        policyRoles = Collections.unmodifiableSet(
                new LinkedHashSet<>(Objects.requireNonNull(policyRoles, "policyRoles")));
        Objects.requireNonNull(stepUpPaths, "stepUpPaths");
        Rules.requirePublicPaths(Objects.requireNonNull(publicPaths, "publicPaths"));
        Objects.requireNonNull(apiPaths, "apiPaths");
        Objects.requireNonNull(encryptionKeys, "encryptionKeys");
        Objects.requireNonNull(schemaGeneration, "schemaGeneration");
        Objects.requireNonNull(pages, "pages");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(webauthn, "webauthn");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(loginThrottle, "loginThrottle");
        Objects.requireNonNull(userNames, "userNames");
        Rules.requireRole(ADMIN_ROLE, Objects.requireNonNull(adminRole, "adminRole"));
        Rules.requireRoles(policy, policyRoles);
        Rules.requireBasePath(basePath);
        Rules.requireIssuer(ISSUER, issuer);
        Rules.requireTtl(Objects.requireNonNull(transactionTtl, "transactionTtl"), transactionTtl.toString());
        Rules.requireInt(TRANSACTION_MAX_ATTEMPTS, transactionMaxAttempts, String.valueOf(transactionMaxAttempts));
        Rules.requireInt(TOTP_WINDOW, totpWindow, String.valueOf(totpWindow));
        Rules.requireInt(TOTP_SECRET_BITS, totpSecretBits, String.valueOf(totpSecretBits));
        Rules.requireDataSource(dataSource);
        Rules.requireInt(GRACE_SIGN_INS, grace.signIns(), String.valueOf(grace.signIns()));
        Rules.requireInt(GRACE_DAYS, grace.days(), String.valueOf(grace.days()));
    }

    /**
     * Reads and validates every setting.
     *
     * @param source         where the settings come from, normally {@link SettingSource#layered}
     * @param issuerFallback the issuer when {@code tollgate.issuer} is not set, normally the application's display
     *                       name or {@value #DEFAULT_ISSUER}; must itself be a valid issuer
     * @return the snapshot
     * @throws ConfigurationException at the first missing or invalid setting, naming it
     */
    public static TollgateSettings read(SettingSource source, String issuerFallback) {
        return new SettingsReader(source).read(issuerFallback);
    }
}
