package dev.tollgate.testing;

import java.net.http.HttpResponse;

/**
 * The server did not sign the user in as {@link ApiSignIn} expected: a refused password or code, another answer than
 * a challenge, or no answer at all. The message has the call, the status and Tollgate's {@code error} code.
 *
 * <pre>{@code
 * SignInFailedException refused = assertThrows(SignInFailedException.class,
 *         () -> ApiSignIn.at(baseUrl).signIn("alice", "wrong password", app));
 * assertEquals("invalid_credentials", refused.error());
 * }</pre>
 */
public final class SignInFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Enough of a body to see what the server said, not a page of HTML. */
    private static final int BODY_SHOWN = 300;

    /** The HTTP status of the refusing answer, -1 without one. */
    private final int status;
    /** Tollgate's error code, or null. */
    private final String error;

    SignInFailedException(String message, int status, String error, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    static SignInFailedException of(String call, HttpResponse<String> response, String expected) {
        String error = Json.string(response.body(), "error").orElse(null);
        String body = response.body() == null ? "" : response.body();
        return new SignInFailedException("POST .../api/" + call + " answered " + response.statusCode() + " "
                + (body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "..." : body) + "; expected "
                + expected, response.statusCode(), error, null);
    }

    /**
     * Returns the HTTP status of the refusing answer.
     *
     * @return the status, or -1 if there was no answer
     */
    public int status() {
        return status;
    }

    /**
     * Returns Tollgate's stable error code, such as {@code invalid_credentials} or {@code invalid_code}.
     *
     * @return the code, or null if the answer had none
     */
    public String error() {
        return error;
    }
}
