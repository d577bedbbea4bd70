package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * How often one login transaction's second factor, or one security key's challenge, has been tried, as a row of
 * {@code tollgate_transaction_use} (migration V4): in the database, not in the replicated session, so that every
 * server counts the same tries.
 */
@Entity
@Table(name = "tollgate_transaction_use", indexes = @Index(name = "tollgate_transaction_use_expiry", columnList = "expires_at"))
public class TransactionUseEntity {

    @Id
    @Column(name = "use_key", length = 64, nullable = false, updatable = false)
    private String key;

    @Column(name = "uses", nullable = false)
    private int uses;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    /** For JPA. */
    protected TransactionUseEntity() {
    }

    TransactionUseEntity(String key, Instant expiresAt) {
        this.key = key;
        this.expiresAt = expiresAt;
    }

    int uses() {
        return uses;
    }
}
