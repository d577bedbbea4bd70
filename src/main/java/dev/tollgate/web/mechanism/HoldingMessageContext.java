package dev.tollgate.web.mechanism;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Set;

/**
 * The message context handed to the application's mechanism: it lets the mechanism check the password as usual, but
 * records its {@code notifyContainerAboutLogin} instead of passing it to the container, which only hears of the
 * caller after the second factor.
 *
 * <p>Every way a mechanism can sign a caller in is covered: the three {@code notifyContainerAboutLogin} overloads,
 * {@code setRegisterSession}, and {@code withRequest}, which the API's wrapper would otherwise answer with the
 * unwrapped context (so that a chained {@code withRequest(r).notifyContainerAboutLogin(...)} slipped past).
 */
final class HoldingMessageContext extends HttpMessageContextWrapper {

    private CapturedLogin captured;

    HoldingMessageContext(HttpMessageContext wrapped) {
        super(wrapped);
    }

    CapturedLogin captured() {
        return captured;
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
}
