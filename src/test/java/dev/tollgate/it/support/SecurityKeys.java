package dev.tollgate.it.support;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.factor.SoftwareAuthenticator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * Registers and uses a security key through Tollgate's JSON API, as the pages' script does with the browser's
 * {@code navigator.credentials}: the key is a {@link SoftwareAuthenticator}, so the server runs its WebAuthn library
 * (webauthn4j and its Jackson, shaded into the jar) on real attestation and assertion data. On a server whose classes
 * break the library, the self-test turns security keys off and these calls answer {@code 503}: the tests that use
 * this helper then fail, which is what proves the library works there.
 *
 * <pre>{@code
 * SoftwareAuthenticator key = SecurityKeys.register(signedIn);
 * SecurityKeys.verify(client, transactionId, key);
 * }</pre>
 */
public final class SecurityKeys {

    private SecurityKeys() {
    }

    /**
     * Registers a new key in the client's session, which must be signed in (or enrolling) without factor; the
     * confirmation must raise the session to aal2.
     *
     * @param client the signed-in user
     * @return the registered key
     */
    public static SoftwareAuthenticator register(Client client) {
        HttpResponse<String> options = client.postJson("mfa/api/factors/webauthn",
                Json.createObjectBuilder().add("label", "usb key").build());
        assertEquals(201, options.statusCode(), options.body());
        JsonObject publicKey = json(options).getJsonObject("publicKey");
        SoftwareAuthenticator key = newKey();
        String credential = answer(() -> key.register(publicKey.getJsonObject("rp").getString("id"),
                origin(client), publicKey.getString("challenge")));
        HttpResponse<String> finished = client.postJson(
                "mfa/api/factors/webauthn/" + json(options).getString("factorId") + "/finish",
                Json.createObjectBuilder().add("credential", parse(credential)).build());
        assertEquals(200, finished.statusCode(), finished.body());
        assertEquals("aal2", json(finished).getString("aal"), finished.body());
        return key;
    }

    /**
     * Answers a pending sign-in with the key: asks for the options of the transaction, signs its challenge, posts the
     * assertion.
     *
     * @param client        the client whose sign-in waits
     * @param transactionId the transaction of the JSON login
     * @param key           a key registered for the user
     * @return the answer to {@code POST /mfa/api/verify}
     */
    public static HttpResponse<String> verify(Client client, String transactionId, SoftwareAuthenticator key) {
        HttpResponse<String> options = client.postJson("mfa/api/webauthn/options",
                Json.createObjectBuilder().add("transactionId", transactionId).build());
        assertEquals(200, options.statusCode(), options.body());
        JsonObject publicKey = json(options).getJsonObject("publicKey");
        String assertion = answer(() -> key.assert_(publicKey.getString("rpId"), origin(client),
                publicKey.getString("challenge")));
        return client.postJson("mfa/api/verify", Json.createObjectBuilder().add("transactionId", transactionId)
                .add("webauthn", parse(assertion)).build());
    }

    /** The origin a browser on the application's page would write into the client data. */
    private static String origin(Client client) {
        URI page = client.uri("");
        return page.getScheme() + "://" + page.getHost() + (page.getPort() < 0 ? "" : ":" + page.getPort());
    }

    private static SoftwareAuthenticator newKey() {
        return answer(SoftwareAuthenticator::new);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T answer(Step<T> step) {
        try {
            return step.run();
        } catch (Exception e) {
            throw new IllegalStateException("the software authenticator failed", e);
        }
    }
}
