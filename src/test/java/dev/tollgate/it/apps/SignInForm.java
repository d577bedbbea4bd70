package dev.tollgate.it.apps;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The sign-in page of the applications with a sign-in servlet of their own: user and password, posted back to it. */
public final class SignInForm {

    private SignInForm() {
    }

    /** Writes the page; its form posts {@code user} and {@code pass} to {@code /signin}. */
    public static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().print("<form method=\"post\" action=\"" + request.getContextPath() + "/signin\">"
                + "<input name=\"user\"><input name=\"pass\" type=\"password\"><button>Sign in</button></form>"
                + "<p id=\"login-page\">login page</p>");
    }
}
