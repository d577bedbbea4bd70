package dev.tollgate.store;

import java.time.Instant;

/**
 * A stored recovery code: its keyed hash and whether it was used.
 *
 * @param id        a random UUID
 * @param username  the owner
 * @param codeHash  the keyed hash ({@code <keyId>:<base64>}), never the code
 * @param createdAt when the set was generated
 * @param usedAt    when it was used, or null
 */
public record StoredRecoveryCode(String id, String username, String codeHash, Instant createdAt, Instant usedAt) {

    /** Returns a description without the hash. */
    @Override
    public String toString() {
        return "StoredRecoveryCode[id=" + id + ", username=" + username + ", used=" + (usedAt != null) + "]";
    }
}
