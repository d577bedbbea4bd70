package dev.tollgate.it.apps;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A page behind the application's security constraints, and a step-up page, and a public page. */
@WebServlet({"/secure/whoami", "/admin/panel", "/public/info", "/open/whoami"})
public class WhoamiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Whoami.write(request, response);
    }
}
