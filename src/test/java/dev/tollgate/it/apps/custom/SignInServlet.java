package dev.tollgate.it.apps.custom;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The sign-in page; its form posts back here, where the application's mechanism takes the credentials. */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().print("<form method=\"post\" action=\"" + request.getContextPath() + "/signin\">"
                + "<input name=\"user\"><input name=\"pass\" type=\"password\"><button>Sign in</button></form>"
                + "<p id=\"login-page\">login page</p>");
    }

    /** Reached only once the mechanism signed the caller in: on to the application's home page. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/secure/whoami");
    }
}
