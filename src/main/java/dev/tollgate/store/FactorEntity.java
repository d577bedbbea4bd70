package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One second factor of one user, as a row of {@code tollgate_factor}. Only {@link FactorStore} reads and writes it;
 * everything above the store sees {@link Factor} records.
 */
@Entity
@Table(name = "tollgate_factor", indexes = @Index(name = "tollgate_factor_username", columnList = "username"))
public class FactorEntity {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "username", length = 255, nullable = false, updatable = false)
    private String username;

    @Column(name = "factor_type", length = 16, nullable = false, updatable = false)
    private String type;

    @Column(name = "label", length = 100, nullable = false)
    private String label;

    /** The TOTP secret encrypted with AES-GCM under the key ring; never the secret itself. */
    @Column(name = "secret_ciphertext", length = 512)
    private String secretCiphertext;

    @Column(name = "algorithm", length = 10)
    private String algorithm;

    @Column(name = "digits")
    private int digits;

    @Column(name = "period_seconds")
    private int periodSeconds;

    /**
     * When the owner proved possession, or null while enrolment is pending. A timestamp rather than a boolean:
     * EclipseLink writes boolean literals of bulk updates as 1 and 0, which H2 2 and PostgreSQL refuse.
     */
    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** RFC 6238 section 5.2: the step of the last accepted code, so that no code is accepted twice. */
    @Column(name = "last_accepted_step")
    private Long lastAcceptedStep;

    /** A security key's credential, or null for the other kinds of factor. */
    @Embedded
    private WebAuthnColumns webauthn;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    /** For JPA. */
    protected FactorEntity() {
    }

    FactorEntity(Factor factor) {
        this.id = factor.id();
        this.username = factor.username();
        this.type = factor.type().code();
        this.label = factor.label();
        this.secretCiphertext = factor.secretCiphertext();
        this.algorithm = factor.algorithm();
        this.digits = factor.digits();
        this.periodSeconds = factor.periodSeconds();
        this.confirmedAt = factor.confirmedAt();
        this.createdAt = factor.createdAt();
        this.lastUsedAt = factor.lastUsedAt();
        this.lastAcceptedStep = factor.lastAcceptedStep();
        this.webauthn = factor.webauthn() == null ? null : new WebAuthnColumns(factor.webauthn());
    }

    Factor toFactor() {
        return new Factor(id, username, FactorType.fromCode(type), label, secretCiphertext, algorithm, digits,
                periodSeconds, confirmedAt, createdAt, lastUsedAt, lastAcceptedStep,
                webauthn == null ? null : webauthn.toCredential());
    }
}
