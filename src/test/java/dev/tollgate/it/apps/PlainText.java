package dev.tollgate.it.apps;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** How the test applications' servlets answer: plain text in UTF-8, which the tests compare as strings. */
public final class PlainText {

    private PlainText() {
    }

    /** Answers with the text as it is. */
    public static void write(HttpServletResponse response, String text) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(text);
    }

    /** Answers with each value on a line of its own. */
    public static void lines(HttpServletResponse response, Iterable<?> lines) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter writer = response.getWriter();
        for (Object line : lines) {
            writer.println(line);
        }
    }
}
