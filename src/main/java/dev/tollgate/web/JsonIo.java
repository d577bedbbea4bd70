package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads JSON request bodies within strict bounds and writes JSON responses. */
final class JsonIo {

    /** No call of the API needs more; a larger body is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    /** No field of the API needs more (a WebAuthn assertion will be read elsewhere). */
    static final int MAX_FIELD_LENGTH = 1024;
    /** No call of the API nests its body deeper. */
    static final int MAX_DEPTH = 8;

    private JsonIo() {
    }

    /** Reads the body as a JSON object, refusing other content types, oversized bodies and malformed JSON. */
    static JsonObject readObject(HttpServletRequest request) throws IOException {
        return readObject(request, false);
    }

    /**
     * Reads the body as a JSON object, or an empty one if there is no body: a client may send the JSON content type
     * with no body and no {@code Content-Length} (curl's {@code -X POST}), which only reading the body tells.
     */
    static JsonObject readOptionalObject(HttpServletRequest request) throws IOException {
        return readObject(request, true);
    }

    private static JsonObject readObject(HttpServletRequest request, boolean optional) throws IOException {
        if (!CrossSiteCheck.isJson(request.getContentType())) {
            throw new ApiException(415, "unsupported_media_type", "Send the body as application/json");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0 && optional) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        if (body.length == 0) {
            throw new InvalidRequestException("The body is empty: send a JSON object");
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(checkShape(body)))) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw new InvalidRequestException("The body is not valid JSON", e);
        } catch (JsonException e) {
            throw new InvalidRequestException("The body could not be read as JSON", e);
        }
    }

    /**
     * Streams through the body once before it is read: it must be one JSON object, nested at most
     * {@link #MAX_DEPTH} levels, with nothing after it. The reader alone accepts trailing content, and the
     * provider's own nesting limit (Parsson's, at 1000) fails with a bare {@code RuntimeException}.
     */
    private static byte[] checkShape(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            int depth = 0;
            boolean first = true;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (first && event != JsonParser.Event.START_OBJECT) {
                    throw new InvalidRequestException("The body must be a JSON object");
                }
                first = false;
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidRequestException("The body is nested deeper than " + MAX_DEPTH
                                + " levels");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
        }
        return body;
    }

    /** Returns a required string field, refusing a missing, null, non-string, blank or oversized value. */
    static String requiredString(JsonObject body, String field) {
        String value = optionalString(body, field);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        return value;
    }

    /** Returns a string field or null, refusing a non-string or oversized value. */
    static String optionalString(JsonObject body, String field) {
        JsonValue value = optional(body, field, JsonValue.ValueType.STRING, "a string");
        if (value == null) {
            return null;
        }
        String text = ((JsonString) value).getString();
        if (text.length() > MAX_FIELD_LENGTH) {
            throw new InvalidRequestException(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        return text;
    }

    static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        // Written, not closed: closing the stream completes the response before the server has finished the
        // request, and a server that replicates sessions stores the session only then, so the client could send
        // its next request to another node before that node can see the change (Payara's data grid: 9 of 40)
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, String error, String message) throws IOException {
        write(response, status, Json.createObjectBuilder().add("error", error).add("message", message).build());
    }

    /**
     * Returns a field of the given type, or null when it is absent or JSON {@code null}; refuses any other type.
     *
     * @param described how the refusal names the type, such as {@code a string}
     */
    static JsonValue optional(JsonObject body, String field, JsonValue.ValueType type, String described) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != type) {
            throw new InvalidRequestException(field + " must be " + described);
        }
        return value;
    }
}
