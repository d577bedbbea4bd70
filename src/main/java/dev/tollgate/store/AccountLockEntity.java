package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * The brute-force state of one account's second factor, as a row of {@code tollgate_account_lock}. In the database,
 * not the session, so that it holds across sessions and servers.
 */
@Entity
@Table(name = "tollgate_account_lock")
public class AccountLockEntity {

    @Id
    @Column(name = "username", length = 255, nullable = false, updatable = false)
    private String username;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    /** How often the account was locked since its last success: the next lock lasts longer. */
    @Column(name = "lockouts", nullable = false)
    private int lockouts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    /** For JPA. */
    protected AccountLockEntity() {
    }

    AccountLockEntity(String username) {
        this.username = username;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    int lockouts() {
        return lockouts;
    }

    /** The end of the lock in force at {@code now}, or empty if the account's second factor is not locked then. */
    Optional<Instant> lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now) ? Optional.of(lockedUntil) : Optional.empty();
    }
}
