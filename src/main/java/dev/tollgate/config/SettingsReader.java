package dev.tollgate.config;

import static dev.tollgate.config.TollgateSettings.API_PATHS;
import static dev.tollgate.config.TollgateSettings.BASE_PATH;
import static dev.tollgate.config.TollgateSettings.DATA_SOURCE;
import static dev.tollgate.config.TollgateSettings.ENCRYPTION_KEYS;
import static dev.tollgate.config.TollgateSettings.ISSUER;
import static dev.tollgate.config.TollgateSettings.PAGES_CHALLENGE;
import static dev.tollgate.config.TollgateSettings.PAGES_ENROLL;
import static dev.tollgate.config.TollgateSettings.PAGES_FACTORS;
import static dev.tollgate.config.TollgateSettings.PAGES_LOGIN;
import static dev.tollgate.config.TollgateSettings.POLICY;
import static dev.tollgate.config.TollgateSettings.POLICY_ROLES;
import static dev.tollgate.config.TollgateSettings.PUBLIC_PATHS;
import static dev.tollgate.config.TollgateSettings.SCHEMA_GENERATION;
import static dev.tollgate.config.TollgateSettings.STEP_UP_PATHS;
import static dev.tollgate.config.TollgateSettings.TOTP_SECRET_BITS;
import static dev.tollgate.config.TollgateSettings.TOTP_WINDOW;
import static dev.tollgate.config.TollgateSettings.TRANSACTION_MAX_ATTEMPTS;
import static dev.tollgate.config.TollgateSettings.TRANSACTION_TTL;

import dev.tollgate.config.TollgateSettings.Pages;
import dev.tollgate.policy.GracePeriod;
import dev.tollgate.policy.MfaPolicy.Mode;
import dev.tollgate.crypto.KeyRing;
import dev.tollgate.crypto.KeySpecException;
import dev.tollgate.store.TollgatePersistence.SchemaGeneration;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the text of each setting into its typed value, quoting the text as written in every error. */
final class SettingsReader {

    private static final String KEY_SETUP = "generate a key with `java -cp tollgate.jar dev.tollgate.crypto.KeyRing`"
            + " and set the printed id:base64 line as the context parameter " + ENCRYPTION_KEYS + ", the system"
            + " property " + ENCRYPTION_KEYS + " or the environment variable "
            + SettingSource.environmentVariableName(ENCRYPTION_KEYS);

    private static final Pattern SECONDS = Pattern.compile("[0-9]+");

    private final SettingSource source;

    SettingsReader(SettingSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    TollgateSettings read(String issuerFallback) {
        Mode policy = choice(POLICY, Mode.values(), Mode.OPTIONAL);
        Set<String> roles = roles();
        String basePath = text(BASE_PATH).orElse(Rules.DEFAULT_BASE_PATH);
        Rules.requireBasePath(basePath);
        return new TollgateSettings(
                policy,
                roles,
                basePath,
                patterns(STEP_UP_PATHS, ""),
                patterns(PUBLIC_PATHS, ""),
                patterns(API_PATHS, Rules.DEFAULT_API_PATHS),
                issuer(issuerFallback),
                encryptionKeys(),
                ttl(),
                integer(TRANSACTION_MAX_ATTEMPTS, Rules.DEFAULT_MAX_ATTEMPTS),
                integer(TOTP_WINDOW, Rules.DEFAULT_TOTP_WINDOW),
                integer(TOTP_SECRET_BITS, Rules.DEFAULT_SECRET_BITS),
                dataSource(),
                choice(SCHEMA_GENERATION, SchemaGeneration.values(), SchemaGeneration.MIGRATE),
                new Pages(page(PAGES_LOGIN), page(PAGES_CHALLENGE), page(PAGES_ENROLL), page(PAGES_FACTORS)),
                new TollgateSettings.Limits(
                        integer(TollgateSettings.LOCKOUT_THRESHOLD, TollgateSettings.Limits.DEFAULT.lockoutThreshold()),
                        lockoutDelay(),
                        integer(TollgateSettings.RECOVERY_CODE_COUNT,
                                TollgateSettings.Limits.DEFAULT.recoveryCodeCount())),
                new GracePeriod(integer(TollgateSettings.GRACE_SIGN_INS, 0),
                        integer(TollgateSettings.GRACE_DAYS, 0)),
                adminRole(),
                webauthn(),
                new Freshness(
                        duration(Freshness.PROOF_MAX_AGE, Freshness.DEFAULT.proofMaxAge(), Freshness.PROOF_ALLOWED,
                                Freshness::requireProofMaxAge),
                        duration(Freshness.STEP_UP_MAX_AGE, Freshness.DEFAULT.stepUpMaxAge(),
                                Freshness.STEP_UP_ALLOWED, Freshness::requireStepUpMaxAge),
                        duration(Freshness.ACCOUNT_DELAY, Freshness.DEFAULT.accountDelay(), Freshness.ACCOUNT_ALLOWED,
                                Freshness::requireAccountDelay)),
                loginThrottle(),
                choice(TollgateSettings.USER_NAMES, UserNames.values(), UserNames.EXACT));
    }

    private ThrottleSettings loginThrottle() {
        ThrottleSettings defaults = ThrottleSettings.DEFAULT;
        Duration delay = throttleDuration(ThrottleSettings.DELAY, defaults.delay());
        // a first wait set above the default longest wait raises the longest wait with it
        return new ThrottleSettings(
                throttleCount(ThrottleSettings.PER_ACCOUNT_AND_ADDRESS, defaults.perAccountAndAddress()),
                throttleCount(ThrottleSettings.PER_ACCOUNT, defaults.perAccount()),
                throttleCount(ThrottleSettings.PER_ADDRESS, defaults.perAddress()),
                delay,
                throttleDuration(ThrottleSettings.MAX_DELAY, defaults.maxDelay().compareTo(delay) < 0
                        ? delay : defaults.maxDelay()),
                throttleDuration(ThrottleSettings.FORGET_AFTER, defaults.forgetAfter()),
                throttleDuration(ThrottleSettings.KNOWN_ADDRESS_FOR, defaults.knownAddressFor()));
    }

    private int throttleCount(String key, int defaultValue) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw Rules.invalid(key, text.get(), ThrottleSettings.allowed(key));
        }
    }

    private Duration throttleDuration(String key, Duration defaultValue) {
        // the range is checked by ThrottleSettings itself, which quotes the value as a duration
        return duration(key, defaultValue, ThrottleSettings.allowed(key), (value, shown) -> { });
    }

    private WebAuthnSettings webauthn() {
        Optional<String> rpId = text(WebAuthnSettings.RP_ID).filter(text -> !text.isEmpty());
        List<String> origins = new ArrayList<>();
        String text = text(WebAuthnSettings.ORIGINS).orElse("");
        if (!text.isEmpty()) {
            for (String origin : text.split(",", -1)) {
                origins.add(origin.strip());
            }
        }
        return new WebAuthnSettings(rpId, origins, choice(WebAuthnSettings.USER_VERIFICATION,
                WebAuthnSettings.UserVerification.values(), WebAuthnSettings.UserVerification.PREFERRED));
    }

    private Optional<String> text(String key) {
        return source.get(key).map(String::strip);
    }

    /** Reads one of an enum's values, written in lower case with dashes for underscores. */
    private <E extends Enum<E>> E choice(String key, E[] values, E defaultValue) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        for (E value : values) {
            if (written(value).equalsIgnoreCase(text.get())) {
                return value;
            }
        }
        String allowed = Arrays.stream(values).map(SettingsReader::written).collect(Collectors.joining(", "));
        throw Rules.invalid(key, text.get(), allowed + " (default " + written(defaultValue) + ")");
    }

    private static String written(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Set<String> roles() {
        String text = text(POLICY_ROLES).orElse("");
        Set<String> roles = new LinkedHashSet<>();
        if (text.isEmpty()) {
            return roles;
        }
        for (String entry : text.split(",", -1)) {
            String role = entry.strip();
            if (role.isEmpty()) {
                throw Rules.invalid(POLICY_ROLES, text, "role names separated by commas, with no empty entry");
            }
            roles.add(role);
        }
        return roles;
    }

    private UrlPatterns patterns(String key, String defaultValue) {
        String text = text(key).orElse(defaultValue);
        try {
            return UrlPatterns.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(key + " is '" + text + "'; " + e.getMessage()
                    + "; separate patterns with commas", e);
        }
    }

    private String issuer(String fallback) {
        Optional<String> text = text(ISSUER);
        if (text.isPresent()) {
            Rules.requireIssuer(ISSUER, text.get());
            return text.get();
        }
        if (!Rules.isValidIssuer(fallback)) {
            throw new ConfigurationException(ISSUER + " is not set, and the fallback '" + fallback + "' is not"
                    + " usable; set " + ISSUER + " to " + Rules.ISSUER_ALLOWED);
        }
        return fallback;
    }

    private KeyRing encryptionKeys() {
        Optional<String> text = text(ENCRYPTION_KEYS);
        // No fallback to plaintext storage: a deployment without a key does not start.
        if (text.isEmpty()) {
            throw new ConfigurationException(ENCRYPTION_KEYS + " is not set: Tollgate encrypts TOTP secrets at rest"
                    + " and does not store them without a key; " + KEY_SETUP);
        }
        if (text.get().isEmpty()) {
            throw new ConfigurationException(ENCRYPTION_KEYS + " is set but empty: Tollgate encrypts TOTP secrets at"
                    + " rest and does not store them without a key; " + KEY_SETUP);
        }
        try {
            return KeyRing.parse(text.get());
        } catch (KeySpecException e) {
            // The value is not quoted: it holds key material. The crypto message names the entry instead.
            throw new ConfigurationException(ENCRYPTION_KEYS + " is invalid (value not shown: it holds keys): "
                    + e.getMessage() + "; allowed: id:base64 entries separated by commas, the active key first", e);
        }
    }

    private Duration ttl() {
        return duration(TRANSACTION_TTL, Rules.DEFAULT_TTL, Rules.ttlAllowed(), Rules::requireTtl);
    }

    private Duration lockoutDelay() {
        return duration(TollgateSettings.LOCKOUT_DELAY, TollgateSettings.Limits.DEFAULT.lockoutDelay(),
                Rules.LOCKOUT_DELAY_ALLOWED, Rules::requireLockoutDelay);
    }

    /** Reads an ISO-8601 duration or a number of seconds, then checks its range with the setting's own rule. */
    private Duration duration(String key, Duration defaultValue, String allowed,
            BiConsumer<Duration, String> rule) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Duration value;
        try {
            value = SECONDS.matcher(text.get()).matches()
                    ? Duration.ofSeconds(Long.parseLong(text.get()))
                    : Duration.parse(text.get());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw Rules.invalid(key, text.get(), allowed);
        }
        rule.accept(value, text.get());
        return value;
    }

    private int integer(String key, int defaultValue) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw Rules.invalid(key, text.get(), Rules.intAllowed(key));
        }
        Rules.requireInt(key, value, text.get());
        return value;
    }

    private String dataSource() {
        String dataSource = text(DATA_SOURCE).orElse(Rules.DEFAULT_DATA_SOURCE);
        Rules.requireDataSource(dataSource);
        return dataSource;
    }

    private Optional<String> adminRole() {
        Optional<String> role = text(TollgateSettings.ADMIN_ROLE).filter(text -> !text.isEmpty());
        Rules.requireRole(TollgateSettings.ADMIN_ROLE, role);
        return role;
    }

    private Optional<String> page(String key) {
        Optional<String> page = text(key).filter(text -> !text.isEmpty());
        Rules.requirePage(key, page);
        return page;
    }
}
