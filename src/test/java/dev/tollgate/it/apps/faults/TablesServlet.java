package dev.tollgate.it.apps.faults;

import dev.tollgate.it.apps.PlainText;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test-only window into Tollgate's tables: {@code GET /tables} prints a digest of every row, so a test can show that a
 * refused request changed nothing; {@code POST /tables?shutdown} shuts the database down, as a crash would.
 */
@WebServlet("/tables")
public class TablesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:app/jdbc/file")
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("tollgate_factor", "tollgate_recovery_code", "tollgate_account_lock")) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        StringBuilder line = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            line.append('|').append(rows.getString(i));
                        }
                        lines.add(line.toString());
                    }
                }
            }
        } catch (SQLException e) {
            response.sendError(503, e.getMessage());
            return;
        }
        PlainText.lines(response, lines);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // the connection dies with the database
        }
        response.setStatus(204);
    }
}
