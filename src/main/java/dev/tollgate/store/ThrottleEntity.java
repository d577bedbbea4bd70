package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One counter of the first-factor throttle, as a row of {@code tollgate_first_factor_throttle} (migration V3): the
 * failed passwords of one account, one client address, or one pair of both. In the database, not in memory, so that
 * the count holds across servers.
 */
@Entity
@Table(name = "tollgate_first_factor_throttle")
public class ThrottleEntity {

    @Id
    @Column(name = "throttle_key", length = 64, nullable = false, updatable = false)
    private String key;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    /** For JPA. */
    protected ThrottleEntity() {
    }

    ThrottleEntity(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    ThrottleCount count() {
        return new ThrottleCount(failures, lastFailureAt, lastSuccessAt);
    }

    void set(ThrottleCount count) {
        this.failures = count.failures();
        this.lastFailureAt = count.lastFailureAt();
        this.lastSuccessAt = count.lastSuccessAt();
    }
}
