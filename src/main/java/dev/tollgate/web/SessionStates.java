package dev.tollgate.web;

import dev.tollgate.twostep.Caller;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.SessionChange;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tollgate's state in the HTTP session, and the one way to change it: under the session's lock, read the state as it
 * is now, run a use case on it, and carry out the change it asks for (store, store under a new session id, or end
 * the session). Two requests of one session are thereby serialised, so a transaction, a ceremony or a counter is
 * never used twice by racing requests.
 *
 * <pre>{@code
 * Outcome<Verified> outcome = sessions.update(request, caller -> verification.verify(caller, id, proof));
 * }</pre>
 */
public final class SessionStates {

    private static final Logger LOG = Logger.getLogger(SessionStates.class.getName());
    /** Sessions are locked by stripe: enough to keep one session's requests in order without a lock per session. */
    private static final int LOCK_STRIPES = 256;
    /** The session attribute of the pages' CSRF token, renewed with every change of level. */
    static final String CSRF_ATTRIBUTE = "dev.tollgate.csrf";

    private final Object[] locks = new Object[LOCK_STRIPES];

    SessionStates() {
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Returns the request's session without creating one, or null. A session that the server will not give this
     * request counts as none: Open Liberty refuses a session that a signed-in user owns to a request not signed in as
     * that user (its session security, {@code SESN0008E}: a session cookie sent without the server's sign-in cookie)
     * by throwing from {@code getSession}. Such a request is answered as one that did not sign in, never with a 500;
     * the session stays its owner's.
     *
     * @param request the request
     * @return the session, or null
     */
    static HttpSession existing(HttpServletRequest request) {
        try {
            return request.getSession(false);
        } catch (RuntimeException refused) {
            LOG.log(Level.FINE, "Tollgate: the server refused this request the session it names", refused);
            return null;
        }
    }

    /**
     * Returns the request's session, created if there is none.
     *
     * @param request the request
     * @return the session
     * @throws SessionRefusedException if the server will not give this request the session it names (see
     *                                 {@link #existing}): Tollgate cannot keep this request's state in it, nor start
     *                                 another while the client sends it
     */
    static HttpSession create(HttpServletRequest request) {
        try {
            request.getSession(false);
        } catch (RuntimeException refused) {
            throw new SessionRefusedException(refused);
        }
        return request.getSession(true);
    }

    /** Whether the server refuses this request the session it names (see {@link #existing}). */
    private static boolean refused(HttpServletRequest request) {
        try {
            request.getSession(false);
            return false;
        } catch (RuntimeException refused) {
            return true;
        }
    }

    /**
     * Returns the session's state, without creating a session.
     *
     * @param request the request
     * @return the state, or null
     */
    public MfaState current(HttpServletRequest request) {
        HttpSession session = existing(request);
        return session == null ? null : (MfaState) session.getAttribute(MfaState.ATTRIBUTE);
    }

    /**
     * Returns the caller of a use case as the session is now.
     *
     * @param request the request
     * @return the caller, with a null state if no one signed in
     */
    public Caller caller(HttpServletRequest request) {
        return new Caller(current(request), request::isUserInRole, request.getRemoteAddr());
    }

    /**
     * Runs a use case on the session's current state under its lock, and carries out the change it asks for.
     *
     * @param request the request
     * @param useCase the use case
     * @param <T>     its value type
     * @return its outcome
     */
    public <T> Outcome<T> update(HttpServletRequest request, Function<Caller, Outcome<T>> useCase) {
        HttpSession session = existing(request);
        if (session == null) {
            Outcome<T> outcome = useCase.apply(caller(request));
            apply(request, outcome.session());
            return outcome;
        }
        synchronized (lockFor(session)) {
            Outcome<T> outcome = useCase.apply(caller(request));
            apply(request, outcome.session());
            return outcome;
        }
    }

    /**
     * Replaces the session's state under its lock: for the steps where no use case decides anything (a new sign-in
     * after the password, a transaction opened for a step-up).
     *
     * @param request the request
     * @param change  the change to make, given the current state (null if none)
     * @return the change made
     */
    public SessionChange replace(HttpServletRequest request, Function<MfaState, SessionChange> change) {
        synchronized (lockFor(create(request))) {
            SessionChange made = change.apply(current(request));
            apply(request, made);
            return made;
        }
    }

    /**
     * Signs the caller out of the container and drops the session, so that a new sign-in starts from the password.
     *
     * @param request the request
     */
    public void end(HttpServletRequest request) {
        if (refused(request)) {
            // the session is another sign-in's, and this request is not signed in: it has nothing to end (and the
            // server's own logout, which reads the session, would fail on it as well)
            return;
        }
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.log(Level.FINE, "Tollgate: container logout failed; invalidating the session anyway", e);
        }
        HttpSession session = existing(request);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
    }

    /**
     * Drops Tollgate's state from the session and keeps the session: for an application's own logout
     * ({@code request.logout()}, a mechanism's {@code cleanSubject}) that leaves the session in place. The next
     * sign-in on it starts from the password.
     *
     * @param request the request
     */
    public void forget(HttpServletRequest request) {
        HttpSession session = existing(request);
        if (session == null) {
            return;
        }
        try {
            synchronized (lockFor(session)) {
                session.removeAttribute(MfaState.ATTRIBUTE);
                session.removeAttribute(CSRF_ATTRIBUTE);
                session.removeAttribute(HeldLogins.LOGIN_RETURN);
            }
        } catch (IllegalStateException invalidated) {
            // the application ended the session as well: nothing is left
        }
    }

    private void apply(HttpServletRequest request, SessionChange change) {
        switch (change.kind()) {
            case KEEP -> {
                // nothing to do
            }
            case STORE -> create(request).setAttribute(MfaState.ATTRIBUTE, change.state());
            case NEW_ID -> {
                HttpSession session = create(request);
                // a new level, a new session id (no fixation) and a new CSRF token for the pages
                request.changeSessionId();
                session.removeAttribute(CSRF_ATTRIBUTE);
                session.setAttribute(MfaState.ATTRIBUTE, change.state());
            }
            case END -> end(request);
            default -> throw new IllegalStateException("unknown change " + change.kind());
        }
    }

    /**
     * The stripe is chosen by the session id, so two requests that straddle a change of id may take different
     * stripes; the transaction they race for is then already gone for one of them.
     */
    private Object lockFor(HttpSession session) {
        return locks[Math.floorMod(session.getId().hashCode(), LOCK_STRIPES)];
    }
}
