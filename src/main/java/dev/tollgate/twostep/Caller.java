package dev.tollgate.twostep;

import java.util.function.Predicate;

/**
 * Who calls a use case: the session's state as it is at the time of the call (read under the session's lock), the
 * container's role check for this request, and the client's address for the security events.
 *
 * @param state          the session's state, or null if no one signed in with a password in this session
 * @param containerRoles the container's role check ({@code request::isUserInRole})
 * @param remoteAddress  the client's address
 */
public record Caller(MfaState state, Predicate<String> containerRoles, String remoteAddress) {

    /**
     * Tells whether someone signed in with a password in this session.
     *
     * @return true if there is a state
     */
    public boolean signedIn() {
        return state != null;
    }

    /**
     * Returns the user's name.
     *
     * @return the name the first factor settled on
     * @throws NullPointerException if no one signed in
     */
    public String username() {
        return state.identity().username();
    }

    /**
     * Returns the caller's role check: the container's for its own login, the identity store's groups for a held
     * mechanism login.
     *
     * @return the role check
     */
    public Predicate<String> roles() {
        return state.identity().roles(containerRoles);
    }
}
