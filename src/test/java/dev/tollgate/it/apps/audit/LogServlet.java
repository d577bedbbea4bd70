package dev.tollgate.it.apps.audit;

import dev.tollgate.it.apps.PlainText;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Returns the captured log lines. */
@WebServlet("/logs")
public class LogServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // each captured record ends with its line separator already
        PlainText.write(response, String.join("", LogCapture.LINES));
    }
}
