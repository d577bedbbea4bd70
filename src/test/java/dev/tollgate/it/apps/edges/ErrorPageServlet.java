package dev.tollgate.it.apps.edges;

import dev.tollgate.it.apps.PlainText;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's {@code <error-page>}: it prints whom the application takes the caller for. */
@WebServlet("/oops")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlainText.write(response, "error-page status=" + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                + " user=" + request.getRemoteUser() + " staff=" + request.isUserInRole("staff"));
    }
}
