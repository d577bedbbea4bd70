package dev.tollgate.demo;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/expenses}: the signed-in employee's claims as JSON, for the application's scripts. Protected by
 * web.xml (role staff); a session that still owes its second factor gets Tollgate's {@code 401 mfa_required}.
 */
@WebServlet("/api/expenses")
public class ExpensesApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private ExpenseBook book;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder claims = Json.createArrayBuilder();
        for (Expense expense : book.of(request.getRemoteUser())) {
            claims.add(Json.createObjectBuilder()
                    .add("id", expense.id())
                    .add("date", expense.date().toString())
                    .add("description", expense.description())
                    .add("amount", expense.amount())
                    .add("status", expense.getStatus()));
        }
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("user", request.getRemoteUser())
                .add("expenses", claims)
                .build().toString());
    }
}
