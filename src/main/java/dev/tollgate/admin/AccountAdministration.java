package dev.tollgate.admin;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEvent;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.event.SecurityEvents;
import dev.tollgate.store.AccountLockStore;
import dev.tollgate.store.AccountStore;
import dev.tollgate.store.FactorStore;
import dev.tollgate.store.PreferenceStore;
import dev.tollgate.store.RecoveryCodeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The administrator's operations on one user, independent of CDI and HTTP: Tollgate's web layer builds one per
 * application, {@link TollgateAdministration} hands it to application code, and the JSON endpoint under
 * {@code <basePath>/api/admin} uses it too.
 *
 * <pre>{@code
 * AccountOverview alice = administration.overview("alice");
 * administration.reset("alice", "helpdesk-bob", null);   // alice enrols again at her next sign-in
 * }</pre>
 */
public final class AccountAdministration {

    /** The servlet context attribute under which Tollgate keeps the instance of an application. */
    public static final String ATTRIBUTE = AccountAdministration.class.getName();

    private static final int MAX_NAME_LENGTH = 255;

    private final FactorStore factors;
    private final RecoveryCodeStore recoveryCodes;
    private final PreferenceStore preferences;
    private final AccountLockStore locks;
    private final AccountStore accounts;
    private final SecurityEvents events;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param factors       the factors
     * @param recoveryCodes the recovery codes
     * @param preferences   the enrolment choices
     * @param locks         the account locks
     * @param accounts      the reset of all of them at once
     * @param events        where the reset is reported
     * @param clock         the server's time
     */
    public AccountAdministration(FactorStore factors, RecoveryCodeStore recoveryCodes, PreferenceStore preferences,
            AccountLockStore locks, AccountStore accounts, SecurityEvents events, Clock clock) {
        this.factors = Objects.requireNonNull(factors, "factors");
        this.recoveryCodes = Objects.requireNonNull(recoveryCodes, "recoveryCodes");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Lists a user's confirmed factors.
     *
     * @param username the user, as the container names them
     * @return the factors, oldest first; empty for a user Tollgate knows nothing about
     * @throws InvalidRequestException if the name is blank, too long or has control characters
     */
    public List<FactorSummary> listFactors(String username) {
        requireName("username", username);
        return factors.findConfirmed(username).stream().map(FactorSummary::of).toList();
    }

    /**
     * Describes what Tollgate holds about a user.
     *
     * @param username the user
     * @return factors, recovery codes left, opt-out and lock
     * @throws InvalidRequestException if the name is blank, too long or has control characters
     */
    public AccountOverview overview(String username) {
        List<FactorSummary> list = listFactors(username);
        Instant lockedUntil = locks.lockedUntil(username, clock.instant()).orElse(null);
        return new AccountOverview(username, list, recoveryCodes.countUnused(username),
                preferences.find(username).optedOut(), lockedUntil);
    }

    /**
     * Resets a user who lost their factors: removes every factor, recovery code, account lock and enrolment choice,
     * in one transaction, and publishes {@link SecurityEventType#RESET_BY_ADMINISTRATOR}. The user enrols again at
     * the next sign-in (offered under {@code optional}, required under {@code required}, with no new grace
     * period). Sessions the user has open now keep their level until they end.
     *
     * @param username      the user
     * @param administrator who resets, for the audit trail
     * @param remoteAddress the administrator's address, or null outside a request
     * @return what was removed
     * @throws InvalidRequestException if a name is blank, too long or has control characters
     */
    public ResetResult reset(String username, String administrator, String remoteAddress) {
        requireName("username", username);
        requireName("administrator", administrator);
        Instant now = clock.instant();
        AccountStore.Removed removed = accounts.reset(username, now);
        events.publish(new SecurityEvent(SecurityEventType.RESET_BY_ADMINISTRATOR, username, now, remoteAddress,
                null, "by " + administrator + ": " + removed.factors() + " factors, " + removed.recoveryCodes()
                        + " recovery codes"));
        return new ResetResult(username, removed.factors(), removed.recoveryCodes());
    }

    private static void requireName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(field + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(field + " must not contain control characters");
        }
    }
}
