package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One recovery code of one user, as a row of {@code tollgate_recovery_code}: only its keyed hash. */
@Entity
@Table(name = "tollgate_recovery_code",
        indexes = @Index(name = "tollgate_recovery_code_username", columnList = "username"))
public class RecoveryCodeEntity {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "username", length = 255, nullable = false, updatable = false)
    private String username;

    /** HMAC-SHA-256 under a server key, with the key's id; never the code. */
    @Column(name = "code_hash", length = 128, nullable = false, updatable = false)
    private String codeHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** When the code was used, or null while it is still good: a code works once. */
    @Column(name = "used_at")
    private Instant usedAt;

    /** For JPA. */
    protected RecoveryCodeEntity() {
    }

    RecoveryCodeEntity(String id, String username, String codeHash, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
    }

    StoredRecoveryCode toRecord() {
        return new StoredRecoveryCode(id, username, codeHash, createdAt, usedAt);
    }
}
