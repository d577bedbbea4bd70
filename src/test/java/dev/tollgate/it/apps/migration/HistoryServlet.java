package dev.tollgate.it.apps.migration;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Test-only window into what Tollgate's migration did inside the server: {@code GET /history} prints Tollgate's
 * schema history (version, type, success) and then every row of {@code tollgate_factor} and
 * {@code tollgate_recovery_code} (id and username).
 */
@WebServlet("/history")
public class HistoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:app/jdbc/file")
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT \"version\", \"type\", \"success\""
                    + " FROM \"tollgate_schema_history\" WHERE \"type\" <> 'TABLE' ORDER BY \"installed_rank\"")) {
                while (rows.next()) {
                    out.println("history " + rows.getString(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
                }
            }
            for (String table : new String[] {"tollgate_factor", "tollgate_recovery_code"}) {
                try (ResultSet rows = sql.executeQuery("SELECT id, username FROM " + table + " ORDER BY id")) {
                    while (rows.next()) {
                        out.println(table + " " + rows.getString(1) + " " + rows.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            response.sendError(503, e.getMessage());
        }
    }
}
