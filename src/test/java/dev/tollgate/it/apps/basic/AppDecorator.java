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
 * The application's own decorator of its mechanism, as Soteria's {@code app-mem-basic-decorate} has one: Tollgate's
 * decorator must work beside it. It marks every response it sees.
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
