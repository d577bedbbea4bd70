package dev.tollgate.web.mechanism;

import dev.tollgate.twostep.Origin;
import dev.tollgate.web.FirstFactor;
import dev.tollgate.web.HeldLogins;
import dev.tollgate.twostep.SessionIdentity;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The JSON API's password check in an application with a Jakarta Security mechanism: the application's own mechanism
 * is asked first, through {@link SecurityContext#authenticate}, and Tollgate's decorator hands back the caller it
 * accepted without signing it in. A mechanism that does not take credentials from that call (the built-in FORM
 * mechanism only reads {@code j_security_check} posts, BASIC only its header) leaves the check to the application's
 * identity stores, through the {@link IdentityStoreHandler} those mechanisms use themselves.
 */
public final class MechanismFirstFactor implements FirstFactor {

    /** Creates the check; the start-up does, in applications whose mechanism Tollgate wraps. */
    public MechanismFirstFactor() {
        // nothing to set up: the mechanism and the identity stores are the application's
    }

    @Override
    public Optional<SessionIdentity> check(HttpServletRequest request, HttpServletResponse response, String username,
            String password) {
        UsernamePasswordCredential credential = new UsernamePasswordCredential(username, password);
        request.setAttribute(HeldLogins.API_LOGIN, Boolean.TRUE);
        try {
            // not newAuthentication(true): LoginToContinue would take that for a login dialog the caller started, and
            // keep the session from being sent to the login page afterwards (its marker outlives a wrong password)
            CDI.current().select(SecurityContext.class).get().authenticate(request, response,
                    AuthenticationParameters.withParams().credential(credential));
        } finally {
            request.removeAttribute(HeldLogins.API_LOGIN);
        }
        Object captured = request.getAttribute(HeldLogins.CAPTURED);
        request.removeAttribute(HeldLogins.CAPTURED);
        if (captured instanceof SessionIdentity identity) {
            return Optional.of(identity);
        }
        CredentialValidationResult result = CDI.current().select(IdentityStoreHandler.class).get()
                .validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Optional.empty();
        }
        return Optional.of(new SessionIdentity(result.getCallerPrincipal().getName(), result.getCallerGroups(),
                Origin.MECHANISM));
    }

    /**
     * Asks the container to authenticate this request now; the decorator answers for the application's mechanism
     * with the caller the session released. A new authentication, so that no {@code LoginToContinue} takes it for a
     * request that needs the login page.
     */
    @Override
    public void completeLogin(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(HeldLogins.RELEASE, Boolean.TRUE);
        try {
            CDI.current().select(SecurityContext.class).get().authenticate(request, response,
                    AuthenticationParameters.withParams().newAuthentication(true));
        } finally {
            request.removeAttribute(HeldLogins.RELEASE);
        }
    }
}
