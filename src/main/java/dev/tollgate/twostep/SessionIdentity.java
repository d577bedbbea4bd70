package dev.tollgate.twostep;

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
     * <p>Takes the container's check ({@code request::isUserInRole}) rather than the request, so that this value
     * type, kept in the session, needs no Servlet API to load (the benchmarks measure its serialised size without a
     * server).
     *
     * @param containerRoles the container's role check for this request
     * @return whether the caller is in a role
     */
    public Predicate<String> roles(Predicate<String> containerRoles) {
        return origin == Origin.CONTAINER ? containerRoles : groups::contains;
    }
}
