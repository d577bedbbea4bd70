package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How often a user's factors changed, as a row of {@code tollgate_account_stamp}: in the database, so that sessions on
 * every server that shares it notice a change made on another.
 */
@Entity
@Table(name = "tollgate_account_stamp")
public class AccountStampEntity {

    @Id
    @Column(name = "username", length = 255, nullable = false, updatable = false)
    private String username;

    /** Factors added, removed or reset. */
    @Column(name = "changes", nullable = false)
    private long changes;

    /** Factors removed or reset: these also take aal2 from other sessions. */
    @Column(name = "removals", nullable = false)
    private long removals;

    /** For JPA. */
    protected AccountStampEntity() {
    }

    AccountStampEntity(String username) {
        this.username = username;
    }

    long changes() {
        return changes;
    }

    long removals() {
        return removals;
    }
}
