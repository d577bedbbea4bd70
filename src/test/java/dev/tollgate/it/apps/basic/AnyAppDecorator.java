package dev.tollgate.it.apps.basic;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's own decorator of its mechanism with an {@code @Any} delegate: it decorates the built-in mechanism
 * whatever qualifiers the server gives it, under Jakarta Security 3 ({@code @Default}) and 4 (the definition's
 * {@code qualifiers}), which {@link AppDecorator} does not. It marks every response it sees.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION + 1)
public abstract class AnyAppDecorator implements HttpAuthenticationMechanism {

    /** The header the decorator sets. */
    public static final String HEADER = "X-Any-App-Decorator";

    @Inject
    @Delegate
    @Any
    private HttpAuthenticationMechanism delegate;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        response.setHeader(HEADER, "seen");
        return delegate.validateRequest(request, response, context);
    }
}
