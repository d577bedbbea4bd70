package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** What the in-container tests of Jakarta Security applications share: their descriptor and the API enrolment. */
final class MechanismApps {

    /** Protected pages and roles; no login-config, since the application's mechanism signs callers in. */
    static final String CONSTRAINTS = """
              <security-constraint>
                <web-resource-collection><web-resource-name>secure</web-resource-name>
                  <url-pattern>/secure/*</url-pattern><url-pattern>/admin/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>staff</role-name></auth-constraint>
              </security-constraint>
              <security-role><role-name>staff</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            """;

    private MechanismApps() {
    }

    /**
     * Enrols a TOTP factor through the JSON API and confirms it; returns the secret.
     *
     * @param client the signed-in (or enrolling) user
     * @param step   the step of the confirming code relative to now (-1 for a first use)
     * @return the secret
     */
    static String enrolWithApi(Client client, int step) {
        HttpResponse<String> created = client.postJson("mfa/api/factors/totp", "{\"label\":\"phone\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject factor = json(created);
        String secret = factor.getString("secret");
        String before = client.sessionId().orElseThrow();
        HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + factor.getString("factorId")
                + "/verify", Json.createObjectBuilder().add("code", Codes.code(secret, step)).build());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals("aal2", json(confirmed).getString("aal"));
        org.junit.jupiter.api.Assertions.assertNotEquals(before, client.sessionId().orElseThrow(),
                "the session id changes with the level");
        return secret;
    }
}
