package dev.tollgate.it.apps.admin;

import dev.tollgate.admin.AccountOverview;
import dev.tollgate.admin.ResetResult;
import dev.tollgate.admin.TollgateAdministration;
import dev.tollgate.it.apps.PlainText;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An application's own help-desk page, reduced to what the test needs: it injects Tollgate's administrator API.
 * Unprotected, because it is a test; a real application guards such a page with its own roles.
 */
@WebServlet("/helpdesk")
public class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private TollgateAdministration tollgate;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccountOverview account = tollgate.overview(request.getParameter("user"));
        PlainText.write(response, "factors=" + tollgate.listFactors(account.username()).size() + " labels="
                + account.factors().stream().map(f -> f.label()).toList() + " recoveryCodes="
                + account.recoveryCodesRemaining() + " optedOut=" + account.optedOut());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResetResult reset = tollgate.reset(request.getParameter("user"), request.getParameter("by"));
        PlainText.write(response, "factorsRemoved=" + reset.factorsRemoved() + " recoveryCodesRemoved="
                + reset.recoveryCodesRemoved());
    }
}
