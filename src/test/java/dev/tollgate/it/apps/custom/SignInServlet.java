package dev.tollgate.it.apps.custom;

import dev.tollgate.it.apps.SignInForm;
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
        SignInForm.write(request, response);
    }

    /** Reached only once the mechanism signed the caller in: on to the application's home page. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            // a refused password on this unprotected path: Open Liberty goes on to the servlet after the mechanism's
            // SEND_FAILURE, where Payara answers the mechanism's 401 itself
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/secure/whoami");
    }
}
