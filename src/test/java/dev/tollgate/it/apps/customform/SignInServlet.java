package dev.tollgate.it.apps.customform;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import dev.tollgate.it.apps.PlainText;
import dev.tollgate.it.apps.SignInForm;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's sign-in page, which hands the typed credentials to its mechanism through SecurityContext. */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private SecurityContext securityContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignInForm.write(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthenticationStatus status = securityContext.authenticate(request, response, withParams().credential(
                new UsernamePasswordCredential(request.getParameter("user"), request.getParameter("pass"))));
        switch (status) {
            case SEND_CONTINUE -> {
                // the mechanism answered (a redirect); nothing more to write
            }
            case SUCCESS -> response.sendRedirect(request.getContextPath() + "/secure/whoami");
            default -> {
                response.setStatus(401);
                PlainText.write(response, "signin-failed");
            }
        }
    }
}
