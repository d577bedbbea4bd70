package dev.tollgate.demo;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

/** "My expenses": the signed-in employee's claims, and a form to add one. Protected by web.xml (role staff). */
@WebServlet("/expenses")
public class ExpensesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private ExpenseBook book;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute("expenses", book.of(request.getRemoteUser()));
        request.getRequestDispatcher("/WEB-INF/jsp/expenses.jsp").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String description = request.getParameter("description");
        BigDecimal amount;
        try {
            amount = new BigDecimal(request.getParameter("amount").trim());
        } catch (RuntimeException e) {
            amount = null;
        }
        if (description == null || description.isBlank() || description.length() > 200 || amount == null
                || amount.signum() <= 0 || amount.compareTo(new BigDecimal("100000")) >= 0) {
            request.setAttribute("problem", "Enter what the expense was for and an amount in euros, like 12.50.");
            doGet(request, response);
            return;
        }
        book.add(request.getRemoteUser(), LocalDate.now(), description.strip(), amount);
        response.sendRedirect(request.getContextPath() + "/expenses");
    }
}
