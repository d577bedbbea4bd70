package dev.tollgate.demo;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The finance area: everyone's claims, with approval. Protected by web.xml (role finance) and, through Tollgate's
 * {@code tollgate.stepUpPaths=/admin/*}, reachable only after a second factor.
 */
@WebServlet("/admin/approvals")
public class ApprovalsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private ExpenseBook book;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute("expenses", book.all());
        request.getRequestDispatcher("/WEB-INF/jsp/approvals.jsp").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            book.approve(Long.parseLong(request.getParameter("approve")));
        } catch (NumberFormatException e) {
            response.sendError(400);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/admin/approvals");
    }
}
