package dev.tollgate.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The response of Tollgate's own pages and API in an application with a wrapped mechanism: before the answer starts,
 * a held login that this request released (the second factor given, or a password that needs none) is handed to the
 * container at once, through the application's mechanism ({@link FirstFactor#completeLogin}).
 *
 * <p>Waiting for the next request to restore the caller is not enough on every server: Open Liberty's
 * {@code LoginToContinue} answers a protected request without a caller with the login page itself, before any
 * mechanism (or Tollgate's decorator) is asked, so a caller that only the session knows would never reach the page it
 * was released for. Signed in now, with the session registered, the server remembers the caller as it does after its
 * own login. Done before the answer is committed, so that the server can still set its cookies.
 */
final class SignInOnAnswer extends HttpServletResponseWrapper {

    private final HttpServletRequest request;
    private final TollgateWeb web;
    private boolean signingIn;

    SignInOnAnswer(HttpServletRequest request, HttpServletResponse response, TollgateWeb web) {
        super(response);
        this.request = request;
        this.web = web;
    }

    /** Wraps the response where a mechanism is wrapped; elsewhere the container holds its own logins. */
    static HttpServletResponse of(HttpServletRequest request, HttpServletResponse response, TollgateWeb web) {
        return web.mechanismWrapped() ? new SignInOnAnswer(request, response, web) : response;
    }

    private void signInIfReleased() {
        // once: the mechanism may write to this response while it signs the caller in
        if (signingIn || request.getUserPrincipal() != null
                || HeldLogins.of(request).callerToRestore(request).isEmpty()) {
            return;
        }
        signingIn = true;
        web.firstFactor().completeLogin(request, (HttpServletResponse) getResponse());
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        signInIfReleased();
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int status) throws IOException {
        signInIfReleased();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        signInIfReleased();
        super.sendError(status, message);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        signInIfReleased();
        return super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        signInIfReleased();
        return super.getOutputStream();
    }

    @Override
    public void flushBuffer() throws IOException {
        signInIfReleased();
        super.flushBuffer();
    }
}
