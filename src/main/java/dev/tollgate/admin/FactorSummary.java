package dev.tollgate.admin;

import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorType;
import java.time.Instant;

/**
 * A user's confirmed factor as an administrator sees it: what it is, never its secret. Tollgate makes it from a
 * stored {@link Factor}, whose record already refuses a missing id, type, label or creation time.
 *
 * @param id         the factor id
 * @param type       the kind of factor
 * @param label      the owner's name for it
 * @param createdAt  when enrolment started
 * @param lastUsedAt when a code was last accepted, or null
 */
public record FactorSummary(String id, FactorType type, String label, Instant createdAt, Instant lastUsedAt) {

    static FactorSummary of(Factor factor) {
        return new FactorSummary(factor.id(), factor.type(), factor.label(), factor.createdAt(), factor.lastUsedAt());
    }
}
