package dev.tollgate.it.apps.edges;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Application code that hands the request on inside the server: {@code ?how=forward&to=/secure/whoami} forwards,
 * {@code ?how=include&to=...} includes between two markers; with {@code loginAs} and {@code password} it first signs
 * the user in with {@code request.login}, as an application's own login servlet does. Mapped at a public path and
 * at a protected one.
 */
@WebServlet({"/public/dispatch", "/secure/dispatch"})
public class DispatchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getParameter("loginAs") != null) {
            request.login(request.getParameter("loginAs"), request.getParameter("password"));
        }
        RequestDispatcher target = request.getRequestDispatcher(request.getParameter("to"));
        if ("include".equals(request.getParameter("how"))) {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("[");
            target.include(request, response);
            response.getWriter().print("]");
        } else {
            target.forward(request, response);
        }
    }
}
