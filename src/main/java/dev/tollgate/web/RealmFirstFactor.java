package dev.tollgate.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Optional;
import dev.tollgate.twostep.Origin;
import dev.tollgate.twostep.SessionIdentity;
import java.util.Set;

/**
 * The first factor of an application that signs in through the container ({@code web.xml} FORM or BASIC against a
 * realm): {@link HttpServletRequest#login(String, String)}.
 */
public final class RealmFirstFactor implements FirstFactor {

    @Override
    public Optional<SessionIdentity> check(HttpServletRequest request, HttpServletResponse response, String username,
            String password) throws ServletException {
        // the server keeps a programmatic login for the session only if the session exists before the login
        SessionStates.create(request);
        if (request.getUserPrincipal() != null) {
            request.logout();
        }
        try {
            request.login(username, password);
        } catch (ServletException wrongNameOrPassword) {
            return Optional.empty();
        }
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionIdentity(caller.getName(), Set.of(), Origin.CONTAINER));
    }
}
