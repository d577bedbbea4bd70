package dev.tollgate.web;

import dev.tollgate.TollgateException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * An expected failure of a JSON API call, with the HTTP status it is answered with, and what the answer carries
 * besides {@code error} and {@code message}.
 */
final class ApiException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonObject extra;
    private final long retryAfterSeconds;

    ApiException(int status, String error, String message) {
        this(status, error, message, JsonObject.EMPTY_JSON_OBJECT, -1);
    }

    ApiException(int status, String error, String message, JsonObject extra, long retryAfterSeconds) {
        super(error, message);
        this.status = status;
        this.extra = Objects.requireNonNull(extra, "extra");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Answers the call: the status, {@code Retry-After} if any, and {@code {"error","message",...}}. */
    void writeTo(HttpServletResponse response) throws IOException {
        if (retryAfterSeconds >= 0) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("error", error()).add("message", getMessage());
        extra.forEach(body::add);
        JsonIo.write(response, status, body.build());
    }
}
