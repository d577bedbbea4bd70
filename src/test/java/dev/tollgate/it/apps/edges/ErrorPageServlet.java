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
                + " user=" + request.getRemoteUser() + " staff=" + staff(request));
    }

    /**
     * The caller's role as the server answers it on an error page. GlassFish 7.0.21 answers false for every role there
     * and Payara Micro 7 throws (its authorization has no policy context once the request left the application), with
     * or without Tollgate: a limitation of those servers, reported as "unknown" rather than a 500.
     */
    private static String staff(HttpServletRequest request) {
        try {
            return String.valueOf(request.isUserInRole("staff"));
        } catch (RuntimeException serverLimitation) {
            return "unknown";
        }
    }
}
