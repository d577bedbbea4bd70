package dev.tollgate.it.apps;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What every test application's pages answer: who the application thinks the caller is. */
public final class Whoami {

    private Whoami() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlainText.write(response, "user=" + request.getRemoteUser()
                + " staff=" + request.isUserInRole("staff")
                + " admin=" + request.isUserInRole("admin")
                + " aal=" + request.getAttribute("dev.tollgate.aal"));
    }
}
