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
        response.sendRedirect(request.getContextPath() + "/secure/whoami");
    }
}
