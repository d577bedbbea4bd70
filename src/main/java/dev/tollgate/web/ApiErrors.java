package dev.tollgate.web;

import dev.tollgate.twostep.Problem;
import dev.tollgate.twostep.Proof;
import dev.tollgate.twostep.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The one mapping from a use case's refusal to the JSON API's answer: the status, the stable {@code error} code, and
 * the English {@code message} from the resource bundle's {@code api.*} texts.
 */
final class ApiErrors {

    private static final Map<Problem, Integer> STATUS = Map.ofEntries(
            Map.entry(Problem.NOT_AUTHENTICATED, 401), Map.entry(Problem.INVALID_CREDENTIALS, 401),
            Map.entry(Problem.MFA_REQUIRED, 401), Map.entry(Problem.ENROLLMENT_REQUIRED, 409),
            Map.entry(Problem.TRANSACTION_EXPIRED, 410), Map.entry(Problem.TOO_MANY_ATTEMPTS, 429),
            Map.entry(Problem.NOT_FOUND, 404), Map.entry(Problem.LAST_FACTOR, 409),
            Map.entry(Problem.CODE_REQUIRED, 401), Map.entry(Problem.OPT_OUT_NOT_ALLOWED, 409),
            Map.entry(Problem.NO_FACTOR, 409), Map.entry(Problem.NO_CEREMONY, 409),
            Map.entry(Problem.NO_SECURITY_KEY, 409), Map.entry(Problem.SECURITY_KEYS_UNAVAILABLE, 503),
            Map.entry(Problem.FORBIDDEN, 403));

    private final String apiPath;

    /**
     * Creates the mapping.
     *
     * @param apiPath the API's path within the application, for messages that name a call
     */
    ApiErrors(String apiPath) {
        this.apiPath = apiPath;
    }

    /** The exception that answers a refusal. */
    ApiException of(Refusal refusal) {
        if (refusal instanceof Refusal.Plain plain) {
            return of(plain.problem());
        }
        if (refusal instanceof Refusal.WrongProof wrong) {
            return wrongProof(wrong);
        }
        if (refusal instanceof Refusal.Locked locked) {
            long seconds = locked.retryAfter().toSeconds();
            return new ApiException(429, "too_many_attempts", text("api.locked", seconds),
                    JsonObject.EMPTY_JSON_OBJECT, seconds);
        }
        return new ApiException(400, "invalid_credential", ((Refusal.KeyRefused) refusal).reason());
    }

    /** The exception that answers a plain refusal. */
    ApiException of(Problem problem) {
        return new ApiException(STATUS.get(problem), problem.code(), text("api." + problem.code(), apiPath));
    }

    private ApiException wrongProof(Refusal.WrongProof wrong) {
        if (wrong.kind() == Proof.Kind.SECURITY_KEY) {
            return new ApiException(401, "invalid_credential", text("api.invalid_credential", apiPath));
        }
        if (wrong.clockOffset().isPresent()) {
            Duration offset = wrong.clockOffset().get();
            long minutes = Math.max(1, Math.round(Math.abs(offset.toSeconds()) / 60.0));
            String message = text(offset.isNegative() ? "api.clockBehind" : "api.clockAhead", minutes);
            return new ApiException(401, "invalid_code", message,
                    Json.createObjectBuilder().add("clockOffsetSeconds", offset.toSeconds()).build(), -1);
        }
        return new ApiException(401, "invalid_code", text(wrong.kind() == Proof.Kind.RECOVERY_CODE
                ? "api.invalid_recovery_code" : "api.invalid_code"));
    }

    /** An English text of the bundle: the API speaks one language, whatever the client's. */
    static String text(String key, Object... arguments) {
        ResourceBundle bundle = Page.bundle(Locale.ROOT);
        return MessageFormat.format(bundle.getString(key), arguments);
    }
}
