package dev.tollgate.it.apps.edges;

import dev.tollgate.it.apps.Whoami;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet mapped by prefix, whose paths may end like static files: {@code /reports/2026.css}. */
@WebServlet("/reports/*")
public class ReportsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Whoami.write(request, response);
    }
}
