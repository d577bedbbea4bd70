package dev.tollgate.web.mechanism;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The response the application's mechanism sees while the JSON API checks a password through it: whatever the
 * mechanism answers (a redirect to its login page, a {@code WWW-Authenticate} challenge, an error page) is dropped,
 * because the API writes its own JSON answer to the real response.
 */
final class MutedResponse extends HttpServletResponseWrapper {

    MutedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendRedirect(String location) {
        // dropped
    }

    @Override
    public void sendError(int status) {
        // dropped
    }

    @Override
    public void sendError(int status, String message) {
        // dropped
    }

    @Override
    public void setStatus(int status) {
        // dropped
    }

    @Override
    public void setHeader(String name, String value) {
        // dropped
    }

    @Override
    public void addHeader(String name, String value) {
        // dropped
    }

    @Override
    public void setIntHeader(String name, int value) {
        // dropped
    }

    @Override
    public void addIntHeader(String name, int value) {
        // dropped
    }

    @Override
    public void setDateHeader(String name, long date) {
        // dropped
    }

    @Override
    public void addDateHeader(String name, long date) {
        // dropped
    }

    @Override
    public void addCookie(Cookie cookie) {
        // dropped
    }

    @Override
    public void setContentType(String type) {
        // dropped
    }

    @Override
    public void setContentLength(int length) {
        // dropped
    }

    @Override
    public void setContentLengthLong(long length) {
        // dropped
    }

    @Override
    public void setCharacterEncoding(String charset) {
        // dropped
    }

    @Override
    public void reset() {
        // nothing was written
    }

    @Override
    public void resetBuffer() {
        // nothing was written
    }

    @Override
    public void flushBuffer() {
        // nothing to flush
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public PrintWriter getWriter() {
        return new PrintWriter(OutputStream.nullOutputStream());
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return new ServletOutputStream() {
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
        };
    }
}
