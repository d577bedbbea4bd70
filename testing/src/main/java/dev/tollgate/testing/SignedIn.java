package dev.tollgate.testing;

import java.net.http.HttpClient;
import java.util.Objects;

/**
 * A session signed in with both factors by {@link ApiSignIn}: the client that carries its cookie, for the test's
 * requests that follow.
 *
 * <pre>{@code
 * SignedIn bob = ApiSignIn.at(baseUrl).signIn("bob", "bob-password", app);
 * assertEquals("aal2", bob.aal());
 * bob.client().send(HttpRequest.newBuilder(baseUrl.resolve("admin/approvals")).build(), BodyHandlers.ofString());
 * }</pre>
 *
 * @param client the client whose cookie handler holds the session
 * @param user   the user as the server named them
 * @param aal    the session's assurance level as the server answered it ({@code aal2})
 */
public record SignedIn(HttpClient client, String user, String aal) {

    /** Checks the fields. */
    public SignedIn {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(aal, "aal");
    }
}
