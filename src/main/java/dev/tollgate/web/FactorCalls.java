package dev.tollgate.web;

import dev.tollgate.factor.RegistrationCeremony;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.factor.WebAuthnCeremony;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.store.FactorType;
import dev.tollgate.twostep.Enrolment;
import dev.tollgate.twostep.FactorManagement;
import dev.tollgate.twostep.Proof;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON API's calls on the caller's own factors: list, add an authenticator app or a security key, confirm,
 * rename, remove, and new recovery codes.
 */
final class FactorCalls {

    private FactorCalls() {
    }

    /** {@code GET /factors}. */
    static void list(ApiCall call) throws IOException {
        FactorManagement.Overview overview = call.valueOf(call.web().useCases().factors().list(call.caller()));
        JsonArrayBuilder factors = Json.createArrayBuilder();
        overview.factors().forEach(f -> factors.add(factorJson(f.id(), f.type(), f.label(), f.createdAt(), f.lastUsedAt())));
        call.write(200, Json.createObjectBuilder().add("user", overview.username()).add("aal", overview.aal().code())
                .add("factors", factors).add("recoveryCodesRemaining", overview.recoveryCodesRemaining())
                .add("optedOut", overview.optedOut()));
    }

    /**
     * {@code POST /factors/totp {"label"?, "code"? | "recoveryCode"?}}: a new authenticator app's key. A user who has
     * a factor proves it with the call unless the session did within {@code tollgate.freshProof.maxAge}.
     */
    static void startApp(ApiCall call) throws IOException {
        JsonObject body = call.optionalBody();
        String label = JsonIo.optionalString(body, "label");
        Optional<Proof> proof = proofIn(body);
        TotpEnrolment enrolment = call.run(caller -> call.web().useCases().enrolment().startApp(caller, label,
                proof));
        String uri = enrolment.keyUri().toUriString();
        call.write(201, Json.createObjectBuilder().add("factorId", enrolment.factorId())
                .add("secret", enrolment.secret().base32()).add("otpauthUrl", uri)
                .add("qrCode", call.web().qrCodes().dataUrl(uri)));
    }

    /** {@code POST /factors/{id}/verify {"code"}}: the app's first code; the session reaches aal2. */
    static void confirmApp(ApiCall call) throws IOException {
        String code = JsonIo.requiredString(call.body(), "code");
        String factorId = call.parameter("id");
        Enrolment.Confirmed confirmed = call.run(caller -> call.web().useCases().enrolment()
                .confirmApp(caller, factorId, code, null));
        call.write(200, confirmedJson(confirmed));
    }

    /**
     * {@code POST /factors/webauthn {"label"?, "code"? | "recoveryCode"?}}: the options for
     * {@code navigator.credentials.create}; a proof as for {@link #startApp}.
     */
    static void startSecurityKey(ApiCall call) throws IOException {
        JsonObject body = call.optionalBody();
        String label = JsonIo.optionalString(body, "label");
        Optional<Proof> proof = proofIn(body);
        RegistrationCeremony ceremony = call.run(caller -> call.web().useCases().enrolment()
                .startSecurityKey(caller, label, proof));
        WebAuthnFactors.RelyingParty relyingParty = call.web().relyingParty(call.request());
        String username = call.caller().username();
        JsonArrayBuilder algorithms = Json.createArrayBuilder();
        WebAuthnFactors.ALGORITHMS.forEach(alg -> algorithms.add(Json.createObjectBuilder()
                .add("type", "public-key").add("alg", alg)));
        JsonObjectBuilder publicKey = Json.createObjectBuilder()
                .add("rp", Json.createObjectBuilder().add("id", relyingParty.id())
                        .add("name", call.web().settings().issuer()))
                .add("user", Json.createObjectBuilder().add("id", ceremony.userHandle()).add("name", username)
                        .add("displayName", username))
                .add("challenge", ceremony.challenge())
                .add("pubKeyCredParams", algorithms)
                .add("timeout", WebAuthnFactors.CEREMONY_TTL.toMillis())
                .add("excludeCredentials", descriptors(ceremony))
                .add("authenticatorSelection", Json.createObjectBuilder()
                        .add("residentKey", "discouraged").add("requireResidentKey", false)
                        .add("userVerification", relyingParty.userVerification().code()))
                .add("attestation", "none");
        call.write(201, Json.createObjectBuilder().add("factorId", ceremony.factorId()).add("publicKey", publicKey));
    }

    /** {@code POST /factors/webauthn/{id}/finish {"credential"}}: the new key's answer; the session reaches aal2. */
    static void finishSecurityKey(ApiCall call) throws IOException {
        String credential = SignInCalls.credentialJson(call.body(), "credential");
        if (credential == null) {
            throw new InvalidRequestException("credential is required: the PublicKeyCredential as JSON");
        }
        String factorId = call.parameter("id");
        WebAuthnFactors.RelyingParty relyingParty = call.web().relyingParty(call.request());
        Enrolment.Confirmed confirmed = call.run(caller -> call.web().useCases().enrolment()
                .finishSecurityKey(caller, factorId, credential, relyingParty));
        call.write(200, confirmedJson(confirmed).add("factorId", factorId));
    }

    /** {@code PATCH /factors/{id} {"label"}}. */
    static void rename(ApiCall call) throws IOException {
        String label = JsonIo.requiredString(call.body(), "label");
        call.run(caller -> call.web().useCases().factors().rename(caller, call.parameter("id"), label));
        call.noContent();
    }

    /**
     * {@code DELETE /factors/{id}} and {@code POST /factors/{id}/remove}, with {@code {"code"}} or
     * {@code {"recoveryCode"}}: the same call, for the clients and servers that refuse a body on {@code DELETE}.
     */
    static void remove(ApiCall call) throws IOException {
        Optional<Proof> proof = proofIn(call.optionalBody());
        call.run(caller -> call.web().useCases().factors().remove(caller, call.parameter("id"), proof));
        call.noContent();
    }

    /**
     * {@code POST /reauthenticate {"code"} | {"recoveryCode"}}: proves a factor again, for the steps that need a
     * recent proof.
     */
    static void reauthenticate(ApiCall call) throws IOException {
        Proof proof = proofIn(call.body()).orElseThrow(() -> new InvalidRequestException(
                "Send code (from your authenticator app) or recoveryCode"));
        call.run(caller -> call.web().useCases().verification().reprove(caller, proof));
        call.noContent();
    }

    /**
     * {@code POST /recovery-codes {"code"? | "recoveryCode"?}}: a new set, shown once; the old one stops working. A
     * proof as for {@link #startApp}.
     */
    static void regenerateRecoveryCodes(ApiCall call) throws IOException {
        Optional<Proof> proof = proofIn(call.optionalBody());
        List<String> codes = call.run(caller -> call.web().useCases().factors().regenerateRecoveryCodes(caller,
                proof));
        JsonArrayBuilder list = Json.createArrayBuilder();
        codes.forEach(list::add);
        call.write(200, Json.createObjectBuilder().add("recoveryCodes", list));
    }

    /** The proof of a factor in a body: {@code code} or {@code recoveryCode}, not both; empty if neither. */
    private static Optional<Proof> proofIn(JsonObject body) {
        String code = JsonIo.optionalString(body, "code");
        String recoveryCode = JsonIo.optionalString(body, "recoveryCode");
        ApiCall.atMostOne("Send either code (from your authenticator app) or recoveryCode", code, recoveryCode);
        return code != null ? Optional.of(Proof.authenticatorCode(code))
                : Optional.ofNullable(recoveryCode).map(Proof::recoveryCode);
    }

    private static JsonObjectBuilder confirmedJson(Enrolment.Confirmed confirmed) {
        JsonObjectBuilder answer = SignInCalls.authenticated(confirmed.state());
        // the first factor comes with recovery codes, stored with it and shown this once
        if (!confirmed.recoveryCodes().isEmpty()) {
            JsonArrayBuilder codes = Json.createArrayBuilder();
            confirmed.recoveryCodes().forEach(codes::add);
            answer.add("recoveryCodes", codes);
        }
        return answer;
    }

    /** One factor as both the user's list and the administrator's list show it. */
    static JsonObjectBuilder factorJson(String id, FactorType type, String label, Instant createdAt,
            Instant lastUsedAt) {
        JsonObjectBuilder item = Json.createObjectBuilder().add("id", id).add("type", type.code()).add("label", label)
                .add("createdAt", createdAt.toString());
        return lastUsedAt == null ? item.addNull("lastUsedAt") : item.add("lastUsedAt", lastUsedAt.toString());
    }

    /** The ceremony's keys as {@code PublicKeyCredentialDescriptor}s. */
    static JsonArrayBuilder descriptors(WebAuthnCeremony ceremony) {
        JsonArrayBuilder descriptors = Json.createArrayBuilder();
        for (WebAuthnCeremony.KeyDescriptor key : ceremony.keys()) {
            JsonArrayBuilder transports = Json.createArrayBuilder();
            key.transports().forEach(transports::add);
            descriptors.add(Json.createObjectBuilder().add("type", "public-key").add("id", key.id())
                    .add("transports", transports));
        }
        return descriptors;
    }
}
