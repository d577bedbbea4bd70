package dev.tollgate.it.support;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Enrols authenticator apps through Tollgate's JSON API, as an application's settings page or a script does: create
 * the factor, then confirm it with a code computed from the secret the server returned.
 *
 * <pre>{@code
 * AuthenticatorApp phone = Enrol.authenticatorApp(signedIn, "work phone");
 * SignIn.verify(client, transactionId, phone.code(0));
 * }</pre>
 */
public final class Enrol {

    private Enrol() {
    }

    /**
     * An authenticator app, enrolled and confirmed.
     *
     * @param factorId       the factor's id
     * @param secret         the secret in Base32, as the enrolment returned it
     * @param confirmingCode the code that confirmed it (spent: the code of the previous step)
     * @param created        the answer to the enrolment, for tests of its headers and QR code
     * @param confirmation   the answer to the confirmation
     */
    public record AuthenticatorApp(String factorId, String secret, String confirmingCode,
            HttpResponse<String> created, JsonObject confirmation) {

        /** The code of the step {@code offset} steps from now; see {@link Codes#code}. */
        public String code(int offset) {
            return Codes.code(secret, offset);
        }

        /** The recovery codes that came with the user's first factor, or none. */
        public List<String> recoveryCodes() {
            JsonArray codes = confirmation.getJsonArray("recoveryCodes");
            return codes == null ? List.of() : codes.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
        }
    }

    /** Enrols an authenticator app without a label, as {@link #authenticatorApp(Client, String)}. */
    public static AuthenticatorApp authenticatorApp(Client client) {
        return enrol(client, Json.createObjectBuilder());
    }

    /**
     * Enrols and confirms an authenticator app in the client's session, which must be signed in (or enrolling); the
     * confirmation must raise the session to aal2 under a new session id.
     *
     * @param client the signed-in user
     * @param label  the factor's label
     * @return the factor
     */
    public static AuthenticatorApp authenticatorApp(Client client, String label) {
        return enrol(client, Json.createObjectBuilder().add("label", label));
    }

    /**
     * Gives a user without factor an authenticator app in a JSON sign-in of its own, which then ends.
     *
     * @param client      a client for that sign-in
     * @param user        the user
     * @param loginStatus the status the JSON login must answer: {@code authenticated}, or
     *                    {@code enrollment_required} where the policy requires a factor
     * @return the factor
     */
    public static AuthenticatorApp newUser(Client client, String user, String loginStatus) {
        JsonObject login = SignIn.withJson(client, user);
        assertEquals(loginStatus, login.getString("status"), login.toString());
        AuthenticatorApp app = authenticatorApp(client);
        assertEquals(204, client.postJson("mfa/api/logout", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        return app;
    }

    private static AuthenticatorApp enrol(Client client, JsonObjectBuilder request) {
        HttpResponse<String> created = client.postJson("mfa/api/factors/totp", request.build());
        assertEquals(201, created.statusCode(), created.body());
        String factorId = json(created).getString("factorId");
        String secret = json(created).getString("secret");
        String code = Codes.previousStep(secret);
        String before = client.sessionId().orElseThrow();
        HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + factorId + "/verify",
                Json.createObjectBuilder().add("code", code).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals("aal2", json(confirmed).getString("aal"), confirmed.body());
        assertNotEquals(before, client.sessionId().orElseThrow(), "the session id changes with the level");
        return new AuthenticatorApp(factorId, secret, code, created, json(confirmed));
    }
}
