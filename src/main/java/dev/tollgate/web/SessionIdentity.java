package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

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

    /**
     * Tells the policy which roles the caller has: the container knows them for its own login; for a held
     * mechanism login, the container has no caller yet, and the identity store's groups stand in.
     *
     * @param request the request being served
     * @return whether the caller is in a role
     */
    public Predicate<String> roles(HttpServletRequest request) {
        return origin == Origin.CONTAINER ? request::isUserInRole : groups::contains;
    }
}
