package dev.tollgate.it.apps.edges;

import dev.tollgate.it.apps.PlainText;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An application's sign-out that only calls {@code request.logout()} and keeps the session, as many legacy
 * applications have it.
 */
@WebServlet("/secure/app-logout")
public class AppLogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.logout();
        PlainText.write(response, "signed out; user=" + request.getRemoteUser());
    }
}
