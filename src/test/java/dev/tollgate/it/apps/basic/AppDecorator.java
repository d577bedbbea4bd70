package dev.tollgate.it.apps.basic;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's own decorator of its mechanism, written as Soteria's {@code app-mem-basic-decorate} writes it:
 * the delegate has the default qualifier. It marks every response it sees.
 *
 * <p>CDI applies a decorator to the beans its delegate injection point would resolve to, type and qualifiers. Under
 * Jakarta Security 3 the built-in mechanism is a {@code @Default} bean, so this decorator wraps it; Jakarta Security 4
 * gives it the qualifier named by the definition's {@code qualifiers} (by default
 * {@code @BasicAuthenticationMechanismDefinition.BasicAuthenticationMechanism}) and no {@code @Default}, so the
 * server does not call this decorator at all (Payara Micro 7): {@link AnyAppDecorator} is the form that decorates it
 * under both.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class AppDecorator implements HttpAuthenticationMechanism {

    /** The header the decorator sets. */
    public static final String HEADER = "X-App-Decorator";

    @Inject
    @Delegate
    private HttpAuthenticationMechanism delegate;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        response.setHeader(HEADER, "seen");
        return delegate.validateRequest(request, response, context);
    }
}
