package dev.tollgate.web;

import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Origin;
import dev.tollgate.twostep.SessionChange;
import dev.tollgate.twostep.SessionIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * What the mechanism decorator asks of Tollgate: whether to restore a held caller, what to do after the application's
 * mechanism accepted a password, and where to send the user next. Public only because the decorator lives in
 * another package; applications do not call it.
 */
public final class HeldLogins {

    /** Request attribute that marks the JSON API's own password check through the application's mechanism. */
    public static final String API_LOGIN = "dev.tollgate.apiLogin";
    /** Request attribute that marks Tollgate's own call of the mechanism to sign a released caller in now. */
    public static final String RELEASE = "dev.tollgate.release";
    /** The servlet context attribute where the start-up leaves the instance for the mechanism decorator. */
    public static final String ATTRIBUTE = HeldLogins.class.getName();
    /** Request attribute where the decorator hands the captured caller to the JSON API. */
    public static final String CAPTURED = "dev.tollgate.captured";
    /** Session attribute with the page whose request started the mechanism's login dialog. */
    static final String LOGIN_RETURN = "dev.tollgate.loginReturn";

    private final TollgateWeb web;

    /**
     * Creates the view of one application; the start-up does.
     *
     * @param web what the adapters share
     */
    public HeldLogins(TollgateWeb web) {
        this.web = web;
    }

    /**
     * Returns the held logins of the request's application. The mechanism decorator is made by CDI, in the bean
     * archive of the server's own mechanism on some servers, where a producer of the application's is not visible;
     * the servlet context is what both the servlet container and CDI hand it, so the start-up leaves the instance
     * there.
     *
     * @param request the request
     * @return the held logins
     * @throws IllegalStateException if Tollgate did not start in this application
     */
    public static HeldLogins of(HttpServletRequest request) {
        Object held = request.getServletContext().getAttribute(ATTRIBUTE);
        if (held instanceof HeldLogins logins) {
            return logins;
        }
        throw new IllegalStateException("Tollgate is not started in " + request.getContextPath()
                + "; check the server log for its start-up error");
    }

    /**
     * Tells whether this request is the JSON API checking a password through the mechanism.
     *
     * @param request the request
     * @return true during the API's login
     */
    public boolean isApiLogin(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(API_LOGIN));
    }

    /**
     * Tells whether this request is Tollgate signing a released caller in through the mechanism.
     *
     * @param request the request
     * @return true during that call
     */
    public boolean isRelease(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(RELEASE));
    }

    /**
     * Hands the caller that the mechanism accepted to the JSON API's login.
     *
     * @param request the request
     * @param name    the caller name
     * @param groups  the caller's groups
     */
    public void handOver(HttpServletRequest request, String name, Set<String> groups) {
        request.setAttribute(CAPTURED, new SessionIdentity(name, groups, Origin.MECHANISM));
    }

    /**
     * Returns the caller to sign in to the container for this request: one that passed the application's mechanism
     * in this session and needs no further factor (or gave it).
     *
     * @param request the request
     * @return the caller, or empty
     */
    public Optional<SessionIdentity> callerToRestore(HttpServletRequest request) {
        MfaState state = web.sessions().current(request);
        if (state != null && state.identity().origin() == Origin.MECHANISM && state.containerLoginAllowed()) {
            return Optional.of(state.identity());
        }
        return Optional.empty();
    }

    /**
     * Drops Tollgate's state from the session when the application signs the caller out.
     *
     * @param request the logout's request
     */
    public void forget(HttpServletRequest request) {
        web.sessions().forget(request);
    }

    /**
     * Tells whether this session passed the password and waits for its second factor.
     *
     * @param request the request
     * @return true while the caller is held back
     */
    public boolean awaitingSecondFactor(HttpServletRequest request) {
        MfaState state = web.sessions().current(request);
        return state != null && state.identity().origin() == Origin.MECHANISM && !state.containerLoginAllowed();
    }

    /**
     * Records that the application's mechanism accepted a password, and decides whether the container may hear of
     * the caller now.
     *
     * @param request the request
     * @param name    the caller name
     * @param groups  the caller's groups
     * @return true if the caller may be signed in at aal1 now; false if a second factor comes first
     */
    public boolean afterPassword(HttpServletRequest request, String name, Set<String> groups) {
        SessionIdentity identity = new SessionIdentity(web.settings().userNames().key(name), groups,
                Origin.MECHANISM);
        String returnTo = takeLoginReturn(request);
        MfaState state = web.useCases().signIn().afterPassword(identity, groups::contains, returnTo, true).state();
        // a new level, a new session id: no fixation
        web.sessions().replace(request, current -> SessionChange.newId(state));
        if (state.containerLoginAllowed() && returnTo != null) {
            request.setAttribute(LOGIN_RETURN, returnTo); // for afterLoginTarget, in this request only
        }
        return state.containerLoginAllowed();
    }

    /**
     * Remembers the page of a request that the mechanism answered with its login dialog (a redirect or forward to the
     * login page), so that the user comes back to it after the password and the second factor. The mechanism's own
     * memory of it ({@code LoginToContinue}'s saved request) is not used: the held login hides the caller from it.
     *
     * @param request the protected request
     */
    public void rememberLoginReturn(HttpServletRequest request) {
        rememberLoginReturn(request, web.navigation().returnPath(request));
    }

    /**
     * Remembers the given page as the one that started the mechanism's login dialog: for a dialog that the server
     * opens by a forward of its own, where the request's path is already the login page's.
     *
     * @param request the request
     * @param target  the path and query of the page asked for, or null
     */
    public void rememberLoginReturn(HttpServletRequest request, String target) {
        if (Navigation.safeReturn(target) != null) {
            SessionStates.create(request).setAttribute(LOGIN_RETURN, target);
        }
    }

    /**
     * Tells whether this login was started by a protected page (the mechanism's login dialog), to which the user
     * goes back after the password.
     *
     * @param request the login request, after {@link #afterPassword}
     * @return true if a page to go back to was remembered
     */
    public boolean returnsAfterLogin(HttpServletRequest request) {
        return request.getAttribute(LOGIN_RETURN) instanceof String;
    }

    /**
     * Returns the URL to send a user to once the password signed them in without a second factor: the page that
     * started the login, or the application's root.
     *
     * @param request the login request, after {@link #afterPassword}
     * @return the absolute path to redirect to
     */
    public String afterLoginTarget(HttpServletRequest request) {
        Object target = request.getAttribute(LOGIN_RETURN);
        return request.getContextPath() + (target instanceof String path ? path : "/");
    }

    private static String takeLoginReturn(HttpServletRequest request) {
        HttpSession session = SessionStates.existing(request);
        if (session == null) {
            return null;
        }
        Object target = session.getAttribute(LOGIN_RETURN);
        session.removeAttribute(LOGIN_RETURN);
        return target instanceof String path ? Navigation.safeReturn(path) : null;
    }

    /**
     * Sends the user to the second factor: a redirect to the challenge or enrolment page for a browser, or
     * {@code 401 {"error":"mfa_required"}} for a JSON client.
     *
     * @param request  the request
     * @param response the response
     * @throws IOException if the response cannot be written
     */
    public void sendToSecondFactor(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (web.sessions().current(request) == null) {
            return;
        }
        SessionChange change = web.sessions().replace(request, current -> current == null ? SessionChange.KEEP
                : SessionChange.store(web.useCases().signIn().stepUp(current, web.navigation().returnPath(request))));
        if (change.state() != null) {
            web.navigation().sendToSecondFactor(request, response, change.state());
        }
    }
}
