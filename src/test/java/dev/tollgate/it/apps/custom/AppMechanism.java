package dev.tollgate.it.apps.custom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's own mechanism: takes {@code user} and {@code pass} from a form posted to {@code /signin}, checks
 * them with the identity stores, and sends unauthenticated callers of protected pages to the sign-in page.
 */
@ApplicationScoped
public class AppMechanism implements HttpAuthenticationMechanism {

    @Inject
    private IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if ("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/signin")) {
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(request.getParameter("user"), request.getParameter("pass")));
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return context.responseUnauthorized();
            }
            return context.notifyContainerAboutLogin(result.getCallerPrincipal().getName(),
                    result.getCallerGroups());
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + "/signin");
        }
        return context.doNothing();
    }
}
