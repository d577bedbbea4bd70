package dev.tollgate.web.mechanism;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * The response the application's mechanism sees while the JSON API checks a password through it: whatever the
 * mechanism answers (a redirect to its login page, a {@code WWW-Authenticate} challenge, an error page) is dropped,
 * because the API writes its own JSON answer to the real response.
 *
 * <p>Why a wrapper around a stand-in rather than overrides of the calls to drop: a wrapper passes every method it
 * does not override to what it wraps, so each method a later Servlet version adds (6.1's
 * {@code sendRedirect(String, int, boolean)}, say) would reach the real response. Here the wrapper wraps a stand-in
 * that lets through only the {@link #READS} and drops everything else, whichever Servlet version the server has; and
 * unwrapping the wrapper ({@code getResponse()}) finds the stand-in, never the real response.
 */
final class MutedResponse extends HttpServletResponseWrapper {

    /** The calls that only read the real response, by name; every overload of each is a read. */
    private static final Set<String> READS = Set.of("getStatus", "getHeader", "getHeaders", "getHeaderNames",
            "containsHeader", "getContentType", "getCharacterEncoding", "getBufferSize", "getLocale", "encodeURL",
            "encodeRedirectURL", "getTrailerFields");

    MutedResponse(HttpServletResponse response) {
        super((HttpServletResponse) Proxy.newProxyInstance(MutedResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, new StandIn(response)));
    }

    private record StandIn(HttpServletResponse real) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "MutedResponse";
                };
            }
            return switch (method.getName()) {
                // nothing the mechanism writes is committed, so it may still reset or redirect as it pleases
                case "isCommitted" -> false;
                case "getWriter" -> new PrintWriter(OutputStream.nullOutputStream());
                case "getOutputStream" -> new NullOutputStream();
                default -> READS.contains(method.getName()) ? read(method, args) : nothing(method.getReturnType());
            };
        }

        private Object read(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** What a dropped call answers: no value, or the zero of a primitive type. */
        private static Object nothing(Class<?> type) {
            return type.isPrimitive() && type != void.class ? Array.get(Array.newInstance(type, 1), 0) : null;
        }
    }

    private static final class NullOutputStream extends ServletOutputStream {

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // writes never block
        }

        @Override
        public void write(int b) {
            // dropped
        }
    }
}
