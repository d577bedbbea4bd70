package dev.tollgate.web.mechanism;

import dev.tollgate.web.HeldLogins;
import dev.tollgate.twostep.SessionIdentity;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Wraps the application's one {@link HttpAuthenticationMechanism} so that its login reaches the container only after
 * the second factor.
 *
 * <p>The application's mechanism still checks the password against its own identity stores; Tollgate hands it a
 * {@link HoldingMessageContext} that records the caller instead of signing them in. Then:
 * <ul>
 * <li>if this user needs no second factor, the caller is signed in at once (aal1);</li>
 * <li>otherwise a login transaction opens and the user is sent to the challenge (or gets
 * {@code 401 {"error":"mfa_required"}}); the container never holds a one-factor caller;</li>
 * <li>on later requests of the session, once the second factor is given, this decorator signs the held caller in
 * with the groups the identity store gave.</li>
 * </ul>
 *
 * <p>The class carries no {@code @Decorator} annotation on purpose: {@link TollgateExtension} adds and enables it only
 * in applications that have a mechanism. A discovered decorator of this type makes Jakarta Security believe a
 * mechanism exists and take over authentication, which breaks applications that sign in through {@code web.xml}.
 */
public abstract class TollgateMechanismDecorator implements HttpAuthenticationMechanism {

    @Inject
    @Delegate
    @Any
    private HttpAuthenticationMechanism delegate;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        HeldLogins held = HeldLogins.of(request);
        if (held.isApiLogin(request)) {
            return checkPasswordForApi(held, request, response, context);
        }
        if (held.isRelease(request)) {
            Optional<SessionIdentity> released = held.callerToRestore(request);
            if (released.isEmpty()) {
                return context.doNothing();
            }
            // remembered by the container for the session: the server need not ask the mechanism again
            context.setRegisterSession(released.get().username(), released.get().groups());
            return context.notifyContainerAboutLogin(released.get().username(), released.get().groups());
        }
        boolean newLogin = context.isAuthenticationRequest() || isFormPostback(request);
        if (!newLogin) {
            Optional<SessionIdentity> caller = held.callerToRestore(request);
            if (caller.isPresent()) {
                return context.notifyContainerAboutLogin(caller.get().username(), caller.get().groups());
            }
            if (held.awaitingSecondFactor(request)) {
                // the password was accepted and the second factor is pending: a mechanism that reads credentials
                // from every request (BASIC) must not start the sign-in again on Tollgate's own pages and calls
                return context.isProtected() ? sendToSecondFactor(held, request, response) : context.doNothing();
            }
        }
        HoldingMessageContext holding = HoldingMessageContext.forPage(context, () -> {
            if (context.isProtected() && !context.isAuthenticationRequest()) {
                // the mechanism starts its login dialog for this page: come back here after both factors
                held.rememberLoginReturn(request);
            }
        });
        AuthenticationStatus status = delegate.validateRequest(request, response, holding);
        CapturedLogin captured = holding.captured();
        boolean serversOwnLogin = captured == null && status == AuthenticationStatus.SUCCESS
                && holding.subjectWritten();
        if (serversOwnLogin) {
            captured = SubjectLogin.caller(request, context).orElse(null);
            if (captured == null) {
                // a login Tollgate cannot attribute: better no login than one that skips the second factor
                return context.responseUnauthorized();
            }
        }
        if (captured == null) {
            return status;
        }
        if (!newLogin && context.isProtected()) {
            // the password came with the protected request itself (BASIC, a header): that page is where the user
            // goes back after the second factor
            held.rememberLoginReturn(request);
        }
        if (!held.afterPassword(request, captured.name(), captured.groups())) {
            return sendToSecondFactor(held, request, response);
        }
        if (serversOwnLogin) {
            // as the server's own mechanism does: its session remembers the caller, and its LoginToContinue sends
            // the user on to the page asked for
            context.setRegisterSession(captured.name(), captured.groups());
            return context.notifyContainerAboutLogin(captured.name(), captured.groups());
        }
        if (isFormPostback(request) || context.isAuthenticationRequest() && held.returnsAfterLogin(request)) {
            // j_security_check is no resource, and LoginToContinue sends an application's own sign-in page (which
            // called SecurityContext.authenticate) back only when it sees the caller, which the held login hides
            // from it: go back to the page that asked for the login, where the caller is signed in from the
            // session's state
            return redirect(response, held.afterLoginTarget(request));
        }
        return context.notifyContainerAboutLogin(captured.name(), captured.groups());
    }

    /**
     * The application's logout ({@code request.logout()}, which the container turns into this call): Tollgate's state
     * goes with the caller, or the next request would restore the caller from it, and a new sign-in on the session
     * would find its aal2.
     */
    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HeldLogins.of(request).forget(request);
        delegate.cleanSubject(request, response, context);
    }

    private static AuthenticationStatus redirect(HttpServletResponse response, String target)
            throws AuthenticationException {
        try {
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(target);
        } catch (IOException e) {
            throw new AuthenticationException("Could not send the user back after the login", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private AuthenticationStatus checkPasswordForApi(HeldLogins held, HttpServletRequest request,
            HttpServletResponse response, HttpMessageContext context) throws AuthenticationException {
        HoldingMessageContext holding = HoldingMessageContext.forApi(context);
        delegate.validateRequest(request, holding.response(response), holding);
        CapturedLogin captured = holding.captured();
        if (captured != null) {
            held.handOver(request, captured.name(), captured.groups());
        }
        // the JSON API decides what follows; nothing is signed in here
        return context.doNothing();
    }

    private static AuthenticationStatus sendToSecondFactor(HeldLogins held, HttpServletRequest request,
            HttpServletResponse response) throws AuthenticationException {
        try {
            held.sendToSecondFactor(request, response);
            // committed here, unlike the answers of Tollgate's filter and servlets (see JsonIo.write): a server may
            // treat a 401 that a mechanism left uncommitted as its own to answer, and WildFly's Elytron replaces it
            // with its error page; a redirect is not at risk, but is committed alike
            response.flushBuffer();
        } catch (IOException e) {
            throw new AuthenticationException("Could not send the user to the second factor", e);
        }
        // the response is written (a redirect or a JSON 401): the container must not go on with this request
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static boolean isFormPostback(HttpServletRequest request) {
        return "POST".equalsIgnoreCase(request.getMethod()) && request.getRequestURI().endsWith("/j_security_check");
    }
}
