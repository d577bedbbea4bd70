package dev.tollgate.web.mechanism;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the caller of a login that a mechanism made by writing the container's client subject itself, instead of
 * calling {@code notifyContainerAboutLogin}: Open Liberty's built-in FORM, custom FORM and BASIC mechanisms do (they
 * put the identity store's result into the subject and answer {@code SUCCESS}). {@link HoldingMessageContext} hands
 * mechanisms a subject of its own, so such a login reaches no container; the caller and groups are then taken from
 * the application's identity stores, with the credential that the built-in mechanism read, as the specification
 * names it for each: the {@code AuthenticationParameters} of {@code SecurityContext.authenticate}, the
 * {@code j_username}/{@code j_password} post, or the BASIC header.
 *
 * <p>The password is checked a second time for it, by the same identity stores; a mechanism that signed somebody in
 * with a credential that none of these carries is refused, since Tollgate cannot tell whom to hold.
 */
final class SubjectLogin {

    private SubjectLogin() {
    }

    /**
     * Returns the caller of a login that went past {@code notifyContainerAboutLogin}.
     *
     * @param request the request the mechanism answered
     * @param context the container's context, with the authentication parameters
     * @return the caller and groups, or empty if the credential is not found or not valid (again)
     */
    static Optional<CapturedLogin> caller(HttpServletRequest request, HttpMessageContext context) {
        return credential(request, context).map(credential -> CDI.current().select(IdentityStoreHandler.class).get()
                .validate(credential))
                .filter(result -> result.getStatus() == CredentialValidationResult.Status.VALID)
                .map(result -> new CapturedLogin(result.getCallerPrincipal().getName(), result.getCallerGroups()));
    }

    private static Optional<Credential> credential(HttpServletRequest request, HttpMessageContext context) {
        AuthenticationParameters parameters = context.getAuthParameters();
        if (parameters != null && parameters.getCredential() != null) {
            return Optional.of(parameters.getCredential());
        }
        String username = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        if ("POST".equalsIgnoreCase(request.getMethod()) && request.getRequestURI().endsWith("/j_security_check")
                && username != null && password != null) {
            return Optional.of(new UsernamePasswordCredential(username, password));
        }
        return basic(request.getHeader("Authorization"));
    }

    /** RFC 7617: {@code Basic base64(user ":" password)}, the user name without a colon. */
    private static Optional<Credential> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
