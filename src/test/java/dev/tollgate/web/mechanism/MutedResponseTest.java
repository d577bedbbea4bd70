package dev.tollgate.web.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Nothing the application's mechanism does to the response during the JSON API's password check reaches the real
 * response, which the API answers in JSON; the mechanism may only read it.
 */
class MutedResponseTest {

    /** The only calls that may reach the real response: none of them changes it. */
    private static final Set<String> READS = Set.of("getStatus", "getHeader", "getHeaders", "getHeaderNames",
            "containsHeader", "getContentType", "getCharacterEncoding", "getBufferSize", "getLocale", "encodeURL",
            "encodeRedirectURL", "getTrailerFields");

    /** A method a later Servlet version might add, which MutedResponse was never compiled against. */
    interface LaterResponse extends HttpServletResponse {
        void sendRedirect(String location, int status, boolean clearBuffer);

        void sendEarlyHints();
    }

    private final List<String> reachedReal = new ArrayList<>();

    /** The container's response: records each call that reaches it. */
    private final HttpServletResponse real = (HttpServletResponse) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {LaterResponse.class}, (proxy, method, args) -> {
                reachedReal.add(method.getName());
                return zero(method.getReturnType());
            });

    @Test
    void noCallOfTheResponseInterfaceChangesTheRealResponse() throws Exception {
        MutedResponse muted = new MutedResponse(real);

        for (Method method : HttpServletResponse.class.getMethods()) {
            method.invoke(muted, arguments(method));
        }

        Set<String> stateChanging = new TreeSet<>(reachedReal);
        stateChanging.removeAll(READS);
        assertEquals(Set.of(), stateChanging, "calls that reached the real response");
        assertEquals(READS, Set.copyOf(reachedReal), "the mechanism still reads the real response");
        assertTrue(names(HttpServletResponse.class).containsAll(List.of("sendRedirect", "sendError", "setStatus",
                "setHeader", "addCookie", "setContentType", "setBufferSize", "setLocale", "reset", "flushBuffer")),
                "the loop above covered the calls a mechanism answers with");
    }

    @Test
    void aMethodThatALaterServletVersionAddsIsDroppedToo() throws Throwable {
        // what a Servlet 6.1 server's HttpServletResponseWrapper does with a method MutedResponse cannot override:
        // it calls the same method on the response it wraps
        ServletResponse wrapped = new MutedResponse(real).getResponse();
        InvocationHandler handler = Proxy.getInvocationHandler(wrapped);

        handler.invoke(wrapped, LaterResponse.class.getMethod("sendRedirect", String.class, int.class,
                boolean.class), new Object[] {"/login", 303, true});
        handler.invoke(wrapped, LaterResponse.class.getMethod("sendEarlyHints"), null);

        assertEquals(List.of(), reachedReal);
    }

    @Test
    void unwrappingFindsTheStandInNotTheRealResponse() throws Exception {
        ServletResponse unwrapped = new MutedResponse(real).getResponse();

        assertNotSame(real, unwrapped);
        ((HttpServletResponse) unwrapped).sendRedirect("/login");
        ((HttpServletResponse) unwrapped).setHeader("WWW-Authenticate", "Basic");
        assertEquals(List.of(), reachedReal);
    }

    @Test
    void whatTheMechanismWritesGoesNowhereAndNothingIsCommitted() throws Exception {
        MutedResponse muted = new MutedResponse(real);

        muted.getWriter().print("<html>login</html>");
        muted.getWriter().flush();
        muted.getOutputStream().write(new byte[] {1, 2, 3});
        muted.getOutputStream().flush();
        muted.flushBuffer();

        assertFalse(muted.isCommitted());
        assertEquals(List.of(), reachedReal);
    }

    private static Set<String> names(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getMethods()) {
            names.add(method.getName());
        }
        return Collections.unmodifiableSet(names);
    }

    private static Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = types[i] == String.class ? "x" : zero(types[i]);
        }
        return arguments;
    }

    private static Object zero(Class<?> type) {
        return type.isPrimitive() && type != void.class ? Array.get(Array.newInstance(type, 1), 0) : null;
    }
}
