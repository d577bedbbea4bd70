package dev.tollgate.web;

import dev.tollgate.store.StoreUnavailableException;
import dev.tollgate.twostep.EnrolmentOffer;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Origin;
import dev.tollgate.twostep.SessionChange;
import dev.tollgate.twostep.SessionIdentity;
import dev.tollgate.twostep.SignIn;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The enforcement point: first in the chain, on every request, it lets a session reach the application only at the
 * assurance level it needs.
 *
 * <p>A session whose user must give a second factor reaches nothing but Tollgate's own pages and API and the
 * application's public paths until it has, whatever the security constraints say: applications also protect
 * resources in code ({@code @RolesAllowed}, {@code isUserInRole}) that no constraint shows. On the paths it lets
 * through, such a session looks anonymous to the application. Step-up paths demand aal2 even from users whom the
 * policy lets stay at aal1. A JSON request below its level gets {@code 401 {"error":"mfa_required"}}; a browser is
 * redirected to the challenge or enrolment page and back afterwards.
 */
public class TollgateFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TollgateFilter.class.getName());

    /** Request attribute with the session's assurance level, {@code aal1} or {@code aal2}, for the application. */
    public static final String AAL_ATTRIBUTE = "dev.tollgate.aal";
    /** Request attribute with the state the request was let through with, for the dispatches that follow. */
    private static final String DECIDED = TollgateFilter.class.getName() + ".decided";
    /** Request attribute set by the request pass: a forward without it is the container's own, during its login. */
    private static final String SEEN = TollgateFilter.class.getName() + ".seen";

    private final transient TollgateWeb web;
    private final String basePath;

    /**
     * Creates the filter; the start-up registers it.
     *
     * @param web what the adapters share
     */
    public TollgateFilter(TollgateWeb web) {
        this.web = web;
        this.basePath = web.settings().basePath();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            filterDispatch(request, response, chain);
            return;
        }
        request.setAttribute(SEEN, Boolean.TRUE);
        Principal before = request.getUserPrincipal();
        try {
            filterRequest(request, response, chain);
        } finally {
            if (before != null && request.getUserPrincipal() == null) {
                // the application signed the caller out (request.logout()) and kept the session: a new sign-in on it
                // must start from the password, not find this caller's aal2
                web.sessions().forget(request);
            }
        }
    }

    private void filterRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = Navigation.path(request);
        boolean ownPath = path.equals(basePath) || path.startsWith(basePath + "/");
        Principal caller = request.getUserPrincipal();
        MfaState state;
        try {
            // only an application with a wrapped mechanism has sessions without a caller that Tollgate holds: others
            // need no session look-up for an anonymous request
            MfaState found = caller != null ? stateFor(request, caller, ownPath)
                    : web.mechanismWrapped() ? heldMechanismLogin(request) : null;
            state = found == null ? null : followAccount(request, found);
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Tollgate: factor store unavailable; refusing the request", e);
            // fail closed: without the store, nobody who might need a second factor gets through
            JsonIo.error(response, 503, e.error(), ApiErrors.text("api.unavailable"));
            return;
        }
        request.setAttribute(DECIDED, state);
        if (caller == null) {
            if (state == null || state.containerLoginAllowed() || ownPath
                    || web.settings().publicPaths().matches(path)) {
                chain.doFilter(request, response);
            } else {
                // the mechanism accepted the password, but the container has no caller yet: the application must not
                // answer for such a session as if it were anonymous (it would, for a resource protected in code)
                holdForSecondFactor(request, response, state);
            }
            return;
        }
        if (ownPath) {
            chain.doFilter(request, response);
            return;
        }
        if (web.useCases().signIn().admits(state, web.settings().stepUpPaths().matches(path))) {
            if (state.offer() != EnrolmentOffer.NONE && web.navigation().isPageNavigation(request)
                    && !web.settings().publicPaths().matches(path)) {
                offerEnrolment(request, response);
                return;
            }
            request.setAttribute(AAL_ATTRIBUTE, state.aal().code());
            chain.doFilter(request, response);
            return;
        }
        if (web.settings().publicPaths().matches(path)) {
            chain.doFilter(new AnonymousRequest(request), response);
            return;
        }
        holdForSecondFactor(request, response, state);
    }

    /**
     * A FORWARD, INCLUDE or ERROR dispatch: application code that the request reaches a second time, at another
     * path, so it is decided again, by the state this request was let through with (or the session's) and the
     * dispatch's target. Below the level the target needs, an error page still runs but sees an anonymous request
     * (a 404 of Tollgate's own path, or the container's 403, must not show a held caller to the application's
     * {@code <error-page>}); a forward is answered like a request (the challenge, or a JSON 401); an include is left
     * out. Nothing is started here for a caller the filter has not seen, except a forward or include after a
     * programmatic {@code request.login}, which is judged like a request.
     */
    private void filterDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        DispatcherType type = request.getDispatcherType();
        if (type == DispatcherType.FORWARD && web.mechanismWrapped() && request.getAttribute(SEEN) == null
                && request.getUserPrincipal() == null) {
            // the mechanism's login page, forwarded to by the server itself, before any filter saw the request
            // (Open Liberty's LoginToContinue): come back to the page asked for after both factors
            HeldLogins.of(request).rememberLoginReturn(request, forwardedFrom(request));
        }
        String path = type == DispatcherType.INCLUDE ? includedPath(request) : Navigation.path(request);
        boolean ownPath = path.equals(basePath) || path.startsWith(basePath + "/");
        Principal caller = request.getUserPrincipal();
        MfaState state = request.getAttribute(DECIDED) instanceof MfaState decided ? decided
                : sessionState(request, caller);
        if (state != null && caller != null && !state.identity().username().equals(caller.getName())) {
            state = null;
        }
        if (state == null && caller != null && type != DispatcherType.ERROR) {
            state = stateFor(request, caller, ownPath);
            request.setAttribute(DECIDED, state);
        }
        if (state == null) {
            // nobody Tollgate knows of: an anonymous request passes; a caller it never judged is hidden
            chain.doFilter(caller == null ? request : new AnonymousRequest(request), response);
            return;
        }
        if (ownPath || web.useCases().signIn().admits(state, web.settings().stepUpPaths().matches(path))) {
            chain.doFilter(request, response);
        } else if (type == DispatcherType.ERROR || web.settings().publicPaths().matches(path)) {
            chain.doFilter(new AnonymousRequest(request), response);
        } else if (type == DispatcherType.FORWARD) {
            holdForSecondFactor(request, response, state);
        } else {
            LOG.fine(() -> "Tollgate: left out an include of " + path + ", which needs a second factor first");
        }
    }

    /**
     * The session's state for a dispatch the filter's request pass did not see (the container's login page, its
     * error pages): as the request pass would judge it, a container login only with its caller present, a held
     * mechanism login without.
     */
    private MfaState sessionState(HttpServletRequest request, Principal caller) {
        MfaState state = web.sessions().current(request);
        if (state == null || caller != null) {
            return state;
        }
        return state.identity().origin() == Origin.MECHANISM ? state : null;
    }

    /** The path and query a forward came from, for a GET; null otherwise. */
    private static String forwardedFrom(HttpServletRequest request) {
        Object servletPath = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        Object pathInfo = request.getAttribute(RequestDispatcher.FORWARD_PATH_INFO);
        Object query = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        if (servletPath == null || !"GET".equalsIgnoreCase(request.getMethod())) {
            return null;
        }
        return servletPath + (pathInfo == null ? "" : pathInfo.toString()) + (query == null ? "" : "?" + query);
    }

    /** The path an include dispatch targets: the request's own path methods still name the including resource. */
    private static String includedPath(HttpServletRequest request) {
        Object servletPath = request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
        Object pathInfo = request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        String path = (servletPath == null ? "" : servletPath.toString()) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** A session below the level it needs: to the challenge or enrolment (a JSON 401), or to a new sign-in. */
    private void holdForSecondFactor(HttpServletRequest request, HttpServletResponse response, MfaState state)
            throws IOException {
        SignIn signIn = web.useCases().signIn();
        SessionChange change = web.sessions().replace(request, current -> {
            MfaState now = current == null ? state : current;
            if (signIn.expired(now)) {
                return SessionChange.END;
            }
            MfaState next = signIn.stepUp(now, web.navigation().returnPath(request));
            // a live transaction stays as it is: no session write (and no replication) for every held request
            return next == current ? SessionChange.KEEP : SessionChange.store(next);
        });
        if (change.kind() != SessionChange.Kind.END) {
            web.navigation().sendToSecondFactor(request, response,
                    change.state() != null ? change.state() : web.sessions().current(request));
        } else if (web.navigation().wantsJson(request)) {
            // the sign-in ran out of time: it starts again from the password, not with a fresh transaction
            JsonIo.error(response, 410, "transaction_expired", ApiErrors.text("api.sign_in_expired"));
        } else {
            String target = Navigation.safeReturn(request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            response.sendRedirect(request.getContextPath() + (target == null ? "/" : target));
        }
    }

    /**
     * Sends a browser to the enrolment choices, once per sign-in: the offer is taken out of the session's state
     * before the redirect, so whatever the user does next, the application is reachable again.
     */
    private void offerEnrolment(HttpServletRequest request, HttpServletResponse response) throws IOException {
        web.sessions().replace(request, current -> current == null ? SessionChange.KEEP
                : SessionChange.store(current.withOffer(EnrolmentOffer.NONE)));
        web.navigation().sendToChoices(request, response);
    }

    /**
     * Re-evaluates the session if the user's factors changed since it decided its level (on any server: the stamp is
     * in the database). The comparison is a look-up in memory; the database is read at most once per user and
     * {@code tollgate.accountChanges.maxDelay}.
     */
    private MfaState followAccount(HttpServletRequest request, MfaState state) {
        SignIn signIn = web.useCases().signIn();
        if (!signIn.accountChanged(state)) {
            return state;
        }
        String returnTo = web.navigation().returnPath(request);
        SessionChange made = web.sessions().replace(request, current -> current == null ? SessionChange.KEEP
                : signIn.followAccount(current, request::isUserInRole, returnTo));
        return made.state() != null ? made.state() : state;
    }

    /** The state of a session whose mechanism login Tollgate holds back until the second factor, or null. */
    private MfaState heldMechanismLogin(HttpServletRequest request) {
        MfaState state = web.sessions().current(request);
        return state != null && state.identity().origin() == Origin.MECHANISM && !state.containerLoginAllowed()
                ? state : null;
    }

    /**
     * Returns the session's state for the signed-in caller. A caller the session has not seen yet (the container
     * signed them in with a password, or another user signed in on the same session) starts a new state at aal1.
     *
     * <p>A request without a session whose caller needs nothing remembered (aal1 is enough, no sign-in pending, a
     * client that may keep no cookies) gets its state without a session: a BASIC client that keeps no cookies sends
     * its password with every request, and one session per request would only fill the server's memory until the
     * sessions time out. Tollgate's own API always gets the session it works on.
     */
    private MfaState stateFor(HttpServletRequest request, Principal caller, boolean ownPath) {
        MfaState state = web.sessions().current(request);
        String account = web.settings().userNames().key(caller.getName());
        if (state != null && state.identity().username().equals(account)) {
            return state;
        }
        SessionIdentity identity = new SessionIdentity(account, Set.of(), Origin.CONTAINER);
        MfaState fresh = web.useCases().signIn().afterPassword(identity, request::isUserInRole,
                web.navigation().returnPath(request), true).state();
        // a FORM login's client keeps cookies (the container's login may live in one alone, as Open Liberty's
        // LtpaToken2 does), and so does a browser: their state is kept, or each request would count a sign-in of the
        // grace period again and offer the enrolment choices again
        boolean keepsCookies = HttpServletRequest.FORM_AUTH.equals(request.getAuthType())
                || fresh.offer() != EnrolmentOffer.NONE && web.navigation().isPageNavigation(request);
        if (fresh.transaction() == null && !keepsCookies && !ownPath && SessionStates.existing(request) == null) {
            return fresh;
        }
        web.sessions().replace(request, current -> SessionChange.newId(fresh));
        return fresh;
    }
}
