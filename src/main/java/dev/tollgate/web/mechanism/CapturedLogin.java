package dev.tollgate.web.mechanism;

import java.util.Set;

/**
 * The caller and groups that the application's mechanism tried to sign in to the container, held back by Tollgate.
 *
 * @param name   the caller name
 * @param groups the caller's groups
 */
record CapturedLogin(String name, Set<String> groups) {

    CapturedLogin {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
