package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request whose caller is hidden: the container signed the user in with a password, but the second factor is still
 * due, so the application must see an anonymous request on the few paths Tollgate lets through.
 */
final class AnonymousRequest extends HttpServletRequestWrapper {

    AnonymousRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public String getAuthType() {
        return null;
    }
}
