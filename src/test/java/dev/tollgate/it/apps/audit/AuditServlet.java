package dev.tollgate.it.apps.audit;

import dev.tollgate.event.SecurityEvent;
import dev.tollgate.it.apps.PlainText;
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
        PlainText.lines(response, trail.events().stream().map(SecurityEvent::toLogLine).toList());
    }
}
