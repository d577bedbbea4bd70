package dev.tollgate.web;

import dev.tollgate.TollgateException;
import jakarta.json.JsonObject;
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

    int status() {
        return status;
    }

    /** Fields of the answer beside {@code error} and {@code message}, such as {@code clockOffsetSeconds}. */
    JsonObject extra() {
        return extra;
    }

    /** The {@code Retry-After} header's seconds, or -1 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
