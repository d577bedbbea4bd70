package dev.tollgate.web.mechanism;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.Subject;

/**
 * The message context handed to the application's mechanism: it lets the mechanism check the password as usual, but
 * records its {@code notifyContainerAboutLogin} instead of passing it to the container, which only hears of the
 * caller after the second factor.
 *
 * <p>Every way a mechanism can sign a caller in is covered: the three {@code notifyContainerAboutLogin} overloads,
 * {@code setRegisterSession}, the client subject (which some servers' own mechanisms fill themselves: the context
 * hands out one of its own, see {@link SubjectLogin}), and {@code withRequest}, which the API's wrapper would
 * otherwise answer with the unwrapped context (so that a chained {@code withRequest(r).notifyContainerAboutLogin(...)}
 * slipped past).
 */
final class HoldingMessageContext extends HttpMessageContextWrapper {

    private final Runnable beforeLoginDialog;
    private final MutedResponse muted;
    /** The subject the mechanism sees: a mechanism that writes the caller into it signs nobody in (SubjectLogin). */
    private final Subject subject = new Subject();
    private CapturedLogin captured;

    private HoldingMessageContext(HttpMessageContext wrapped, Runnable beforeLoginDialog, boolean mute) {
        super(wrapped);
        this.beforeLoginDialog = beforeLoginDialog;
        this.muted = mute ? new MutedResponse(wrapped.getResponse()) : null;
    }

    /**
     * The context for a request of the application: the mechanism answers the browser as usual.
     *
     * @param wrapped           the container's context
     * @param beforeLoginDialog runs when the mechanism redirects or forwards to its login page, before the response
     *                          is committed (so that a session can still be created)
     * @return the context
     */
    static HoldingMessageContext forPage(HttpMessageContext wrapped, Runnable beforeLoginDialog) {
        return new HoldingMessageContext(wrapped, beforeLoginDialog, false);
    }

    /**
     * The context for the JSON API's password check: nothing the mechanism answers reaches the client, which gets
     * the API's JSON instead.
     *
     * @param wrapped the container's context
     * @return the context
     */
    static HoldingMessageContext forApi(HttpMessageContext wrapped) {
        return new HoldingMessageContext(wrapped, () -> { }, true);
    }

    /**
     * The response to hand the mechanism along with this context.
     *
     * @param response the container's response
     * @return the response, or a muted one for the API's check
     */
    HttpServletResponse response(HttpServletResponse response) {
        return muted == null ? response : muted;
    }

    CapturedLogin captured() {
        return captured;
    }

    /** Tells whether the mechanism wrote a caller into the client subject itself, past the notify calls. */
    boolean subjectWritten() {
        return !subject.getPrincipals().isEmpty() || !subject.getPrivateCredentials().isEmpty()
                || !subject.getPublicCredentials().isEmpty();
    }

    @Override
    public Subject getClientSubject() {
        return subject;
    }

    @Override
    public AuthenticationStatus notifyContainerAboutLogin(Principal principal, Set<String> groups) {
        if (principal == null) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        captured = new CapturedLogin(principal.getName(), groups);
        return AuthenticationStatus.SUCCESS;
    }

    @Override
    public AuthenticationStatus notifyContainerAboutLogin(String callerName, Set<String> groups) {
        if (callerName == null) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        captured = new CapturedLogin(callerName, groups);
        return AuthenticationStatus.SUCCESS;
    }

    @Override
    public AuthenticationStatus notifyContainerAboutLogin(CredentialValidationResult result) {
        if (result == null || result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        captured = new CapturedLogin(result.getCallerPrincipal().getName(), result.getCallerGroups());
        return AuthenticationStatus.SUCCESS;
    }

    @Override
    public void setRegisterSession(String callerName, Set<String> groups) {
        // held back with the login itself; Tollgate restores the caller on each request of the session
    }

    @Override
    public HttpMessageContext withRequest(HttpServletRequest request) {
        getWrapped().withRequest(request);
        return this;
    }

    @Override
    public Principal getCallerPrincipal() {
        return null;
    }

    @Override
    public HttpServletResponse getResponse() {
        return muted == null ? super.getResponse() : muted;
    }

    @Override
    public AuthenticationStatus redirect(String location) {
        return toLoginDialog(() -> super.redirect(location));
    }

    @Override
    public AuthenticationStatus forward(String path) {
        return toLoginDialog(() -> super.forward(path));
    }

    /** The mechanism sends the browser to its login page: nowhere for the API's check, else after the callback. */
    private AuthenticationStatus toLoginDialog(Supplier<AuthenticationStatus> send) {
        if (muted != null) {
            return AuthenticationStatus.SEND_CONTINUE;
        }
        beforeLoginDialog.run();
        return send.get();
    }

    @Override
    public AuthenticationStatus responseUnauthorized() {
        return muted != null ? AuthenticationStatus.SEND_FAILURE : super.responseUnauthorized();
    }

    @Override
    public AuthenticationStatus responseNotFound() {
        return muted != null ? AuthenticationStatus.SEND_FAILURE : super.responseNotFound();
    }
}
