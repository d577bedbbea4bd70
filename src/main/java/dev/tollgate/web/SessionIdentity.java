package dev.tollgate.web;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * The caller who passed the first factor in this session.
 *
 * @param username the caller name
 * @param groups   the caller's groups as the application's identity store reported them (empty for
 *                 {@link Origin#CONTAINER}, where the container keeps them)
 * @param origin   who performed the first-factor login
 */
public record SessionIdentity(String username, Set<String> groups, Origin origin) implements Serializable {

    /** Checks and copies the fields. */
    public SessionIdentity {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(origin, "origin");
        groups = Set.copyOf(groups);
    }
}
