package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.tollgate.twostep.SessionIdentity;
import java.util.Optional;

/**
 * Checks a user name and password exactly as the application does, for the JSON API's login: through the server's
 * realm ({@code HttpServletRequest.login}) or through the application's Jakarta Security mechanism and identity
 * stores.
 */
public interface FirstFactor {

    /**
     * Checks the password.
     *
     * @param request  the login request
     * @param response its response, which the mechanism may need
     * @param username the user name as typed
     * @param password the password
     * @return the caller who passed, or empty if the name or password is wrong
     * @throws Exception if the check itself failed (not a wrong password)
     */
    Optional<SessionIdentity> check(HttpServletRequest request, HttpServletResponse response, String username,
            String password) throws Exception;

    /**
     * Signs the caller that this session released (a second factor given, or none needed) in to the container now,
     * where the server would not ask Tollgate on the next request. Nothing to do for a realm login, which the
     * container holds itself.
     *
     * @param request  the request that released the caller
     * @param response its response, not yet committed
     */
    default void completeLogin(HttpServletRequest request, HttpServletResponse response) {
        // the container's own login stands
    }
}
