package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.WebAuthnCeremony;
import dev.tollgate.factor.WebAuthnFactors;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;

/**
 * The JSON calls of security keys (WebAuthn): creation options and the new key's registration, request options for
 * the second step of a sign-in. The assertion itself goes to {@code POST <basePath>/api/verify}.
 *
 * <p>The pending ceremony lives in the session under {@link WebAuthnCeremony#ATTRIBUTE}: a new one replaces it, and
 * the answer takes it out before it is checked, so a challenge is used once and only by the session that asked for
 * it (WebAuthn Level 2, section 13.4.3).
 */
final class WebAuthnCalls {

    private WebAuthnCalls() {
    }

    /** {@code POST <basePath>/api/factors/webauthn {"label"?}}: the options for {@code navigator.credentials.create}. */
    static void startRegistration(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonObject body = request.getContentLengthLong() == 0 && request.getContentType() == null
                ? JsonObject.EMPTY_JSON_OBJECT : JsonIo.readObject(request);
        String label = JsonIo.optionalString(body, "label");
        MfaState state = ApiServlet.signedIn(request);
        ApiServlet.mayAddFactor(state);
        String username = state.identity().username();
        WebAuthnCeremony ceremony = tollgate.webauthn().startRegistration(username, label);
        WebAuthnFactors.RelyingParty relyingParty = tollgate.relyingParty(request);
        HttpSession session = request.getSession(true);
        synchronized (tollgate.lockFor(session)) {
            session.setAttribute(WebAuthnCeremony.ATTRIBUTE, ceremony);
        }
        JsonArrayBuilder algorithms = Json.createArrayBuilder();
        WebAuthnFactors.ALGORITHMS.forEach(alg -> algorithms.add(Json.createObjectBuilder()
                .add("type", "public-key").add("alg", alg)));
        JsonObject publicKey = Json.createObjectBuilder()
                .add("rp", Json.createObjectBuilder().add("id", relyingParty.id())
                        .add("name", tollgate.settings().issuer()))
                .add("user", Json.createObjectBuilder().add("id", ceremony.userHandle()).add("name", username)
                        .add("displayName", username))
                .add("challenge", ceremony.challenge())
                .add("pubKeyCredParams", algorithms)
                .add("timeout", WebAuthnFactors.CEREMONY_TTL.toMillis())
                .add("excludeCredentials", descriptors(ceremony))
                .add("authenticatorSelection", Json.createObjectBuilder()
                        .add("residentKey", "discouraged").add("requireResidentKey", false)
                        .add("userVerification", relyingParty.userVerification().code()))
                .add("attestation", "none")
                .build();
        JsonIo.write(response, 201, Json.createObjectBuilder().add("factorId", ceremony.factorId())
                .add("publicKey", publicKey).build());
    }

    /**
     * {@code POST <basePath>/api/factors/webauthn/{id}/finish {"credential":{...}}}: checks the new key's answer and
     * stores the key; the session reaches aal2 like after a first authenticator code.
     */
    static void finishRegistration(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response,
            String factorId) throws IOException {
        JsonObject body = JsonIo.readObject(request);
        String credential = credentialJson(body, "credential");
        if (credential == null) {
            throw new InvalidRequestException("credential is required: the PublicKeyCredential as JSON");
        }
        MfaState state = ApiServlet.signedIn(request);
        ApiServlet.mayAddFactor(state);
        HttpSession session = request.getSession(false);
        synchronized (tollgate.lockFor(session)) {
            WebAuthnCeremony ceremony = take(session);
            if (ceremony == null || ceremony.kind() != WebAuthnCeremony.Kind.REGISTRATION
                    || !factorId.equals(ceremony.factorId())) {
                throw new ApiException(409, "no_ceremony", "No security key registration with that id is waiting in"
                        + " this session: start again (POST " + tollgate.settings().basePath()
                        + "/api/factors/webauthn)");
            }
            WebAuthnFactors.Registration registration = tollgate.webauthn().finishRegistration(
                    state.identity().username(), ceremony, credential, tollgate.relyingParty(request),
                    tollgate.recovery());
            tollgate.flow().publish(SecurityEventType.FACTOR_ENROLLED, state, request.getRemoteAddr(), factorId,
                    "security key");
            tollgate.flow().publish(SecurityEventType.FACTOR_CONFIRMED, state, request.getRemoteAddr(), factorId,
                    "security key");
            MfaState current = Tollgate.state(request);
            MfaState upgraded = (current == null ? state : current).atAal2();
            request.changeSessionId();
            Tollgate.store(request, upgraded);
            JsonObjectBuilder answer = ApiServlet.authenticatedBuilder(upgraded).add("factorId", factorId);
            if (!registration.recoveryCodes().isEmpty()) {
                JsonArrayBuilder codes = Json.createArrayBuilder();
                registration.recoveryCodes().forEach(codes::add);
                tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, upgraded,
                        request.getRemoteAddr(), null, "with the first factor");
                answer.add("recoveryCodes", codes);
            }
            JsonIo.write(response, 200, answer.build());
        }
    }

    /** {@code POST <basePath>/api/webauthn/options {"transactionId"}}: options for {@code navigator.credentials.get}. */
    static void assertionOptions(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonObject body = JsonIo.readObject(request);
        String transactionId = JsonIo.requiredString(body, "transactionId");
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw ApiServlet.expired();
        }
        WebAuthnCeremony ceremony;
        synchronized (tollgate.lockFor(session)) {
            MfaState state = Tollgate.state(request);
            if (tollgate.flow().check(state, transactionId) != null
                    || state.transaction().purpose() != LoginTransaction.Purpose.CHALLENGE) {
                throw ApiServlet.expired();
            }
            ceremony = tollgate.webauthn().startAuthentication(state.identity().username(), transactionId)
                    .orElseThrow(() -> new ApiException(409, "no_security_key",
                            "You have no security key: use a code from your authenticator app or a recovery code"));
            session.setAttribute(WebAuthnCeremony.ATTRIBUTE, ceremony);
        }
        WebAuthnFactors.RelyingParty relyingParty = tollgate.relyingParty(request);
        JsonIo.write(response, 200, Json.createObjectBuilder().add("publicKey", Json.createObjectBuilder()
                .add("challenge", ceremony.challenge())
                .add("timeout", WebAuthnFactors.CEREMONY_TTL.toMillis())
                .add("rpId", relyingParty.id())
                .add("allowCredentials", descriptors(ceremony))
                .add("userVerification", relyingParty.userVerification().code())).build());
    }

    /**
     * The assertion of {@code POST <basePath>/api/verify}, with the session's pending ceremony taken out: a second
     * answer to the same challenge finds none and is refused. The caller holds the session's lock.
     */
    static SignInFlow.SecurityKeyProof securityKeyProof(Tollgate tollgate, HttpServletRequest request,
            HttpSession session, String transactionId, String assertion) {
        return new SignInFlow.SecurityKeyProof(assertion, takeAssertionCeremony(session, transactionId),
                tollgate.relyingParty(request));
    }

    /**
     * Takes the session's pending assertion ceremony out, whatever comes of it, and returns it if it belongs to the
     * transaction: an answer is checked against a challenge of this session only, and a challenge is used once.
     */
    static WebAuthnCeremony takeAssertionCeremony(HttpSession session, String transactionId) {
        WebAuthnCeremony ceremony = take(session);
        return ceremony != null && TransactionIds.same(transactionId, ceremony.transactionId()) ? ceremony : null;
    }

    /**
     * Reads a credential as JSON text for the library, or null when the field is absent. Its strings are not held
     * to the API's field length (an attestation object is longer); the whole body is still held to its size limit.
     */
    static String credentialJson(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException(field + " must be an object: the PublicKeyCredential as JSON");
        }
        return value.toString();
    }

    private static WebAuthnCeremony take(HttpSession session) {
        Object ceremony = session.getAttribute(WebAuthnCeremony.ATTRIBUTE);
        session.removeAttribute(WebAuthnCeremony.ATTRIBUTE);
        return ceremony instanceof WebAuthnCeremony c ? c : null;
    }

    private static JsonArrayBuilder descriptors(WebAuthnCeremony ceremony) {
        JsonArrayBuilder descriptors = Json.createArrayBuilder();
        List<String> ids = ceremony.credentialIds();
        for (int i = 0; i < ids.size(); i++) {
            JsonArrayBuilder transports = Json.createArrayBuilder();
            for (String transport : ceremony.transports().get(i).split(",")) {
                if (!transport.isBlank()) {
                    transports.add(transport);
                }
            }
            descriptors.add(Json.createObjectBuilder().add("type", "public-key").add("id", ids.get(i))
                    .add("transports", transports));
        }
        return descriptors;
    }
}
