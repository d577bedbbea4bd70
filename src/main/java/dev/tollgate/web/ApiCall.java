package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.twostep.Caller;
import dev.tollgate.twostep.Outcome;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * One call of the JSON API as its handler sees it: the request's body and path parameters, the session's use-case
 * runner, and the ways to answer.
 *
 * @param request    the request
 * @param response   its response
 * @param parameters the path's parameters, checked by the router
 * @param web        what the adapters share
 * @param errors     the mapping from refusals to answers
 */
record ApiCall(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters,
        TollgateWeb web, ApiErrors errors) {

    /** A parameter of the path, checked by the router. */
    String parameter(String name) {
        return parameters.get(name);
    }

    /** The body as a JSON object: required. */
    JsonObject body() throws IOException {
        return JsonIo.readObject(request);
    }

    /** The body as a JSON object, or an empty one for a call sent without a body (curl's {@code -X POST}). */
    JsonObject optionalBody() throws IOException {
        long length = request.getContentLengthLong();
        boolean none = length == 0 || length < 0 && request.getContentType() == null;
        return none ? JsonObject.EMPTY_JSON_OBJECT : JsonIo.readOptionalObject(request);
    }

    /** The caller as the session is now, for use cases that change nothing in the session. */
    Caller caller() {
        return web.sessions().caller(request);
    }

    /**
     * Runs a use case under the session's lock and returns its value, or throws the refusal's answer; the session
     * change is carried out either way.
     */
    <T> T run(Function<Caller, Outcome<T>> useCase) {
        return valueOf(web.sessions().update(request, useCase));
    }

    /** The value of a successful outcome, or the refusal's answer as an exception. */
    <T> T valueOf(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Done<T> done) {
            return done.value();
        }
        throw errors.of(((Outcome.Refused<T>) outcome).refusal());
    }

    void write(int status, JsonObjectBuilder body) throws IOException {
        JsonIo.write(response, status, body.build());
    }

    void noContent() {
        response.setStatus(204);
    }

    /** Refuses a body that gives more than one of several exclusive fields. */
    static void atMostOne(String message, Object... values) {
        int given = 0;
        for (Object value : values) {
            given += value == null ? 0 : 1;
        }
        if (given > 1) {
            throw new InvalidRequestException(message);
        }
    }
}
