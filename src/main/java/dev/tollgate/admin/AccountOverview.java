package dev.tollgate.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What Tollgate holds about one user, for an administrator helping them.
 *
 * @param username               the user
 * @param factors                the confirmed factors, oldest first
 * @param recoveryCodesRemaining unused recovery codes
 * @param optedOut               whether the user chose not to be offered enrolment
 * @param lockedUntil            the end of a lock of the user's second factor, or null if not locked
 */
public record AccountOverview(String username, List<FactorSummary> factors, long recoveryCodesRemaining,
        boolean optedOut, Instant lockedUntil) {

    /** Checks the required fields and copies the list. */
    public AccountOverview {
        Objects.requireNonNull(username, "username");
        factors = List.copyOf(factors);
    }
}
