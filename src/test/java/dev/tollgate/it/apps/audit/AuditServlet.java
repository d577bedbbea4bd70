package dev.tollgate.it.apps.audit;

import dev.tollgate.event.SecurityEvent;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Lists the events the application observed, one log line each, for the test to read. */
@WebServlet("/audit")
public class AuditServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private AuditTrail trail;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        for (SecurityEvent event : trail.events()) {
            response.getWriter().println(event.toLogLine());
        }
    }
}
