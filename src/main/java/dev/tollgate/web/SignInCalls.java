package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.factor.AssertionCeremony;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
import dev.tollgate.twostep.EnrolmentOffer;
import dev.tollgate.twostep.LoginTransaction;
import dev.tollgate.twostep.MfaState;
import dev.tollgate.twostep.Problem;
import dev.tollgate.twostep.Proof;
import dev.tollgate.twostep.SessionChange;
import dev.tollgate.twostep.SessionIdentity;
import dev.tollgate.twostep.SignIn;
import dev.tollgate.twostep.Verification;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;

/**
 * The JSON API's sign-in calls: the password ({@code POST /login}), the second factor ({@code POST /verify}), a
 * security key's request options ({@code POST /webauthn/options}) and {@code POST /logout}.
 */
final class SignInCalls {

    private static final int MAX_CREDENTIAL_LENGTH = 256;

    private SignInCalls() {
    }

    /** {@code POST /login {"username","password"}}. */
    static void login(ApiCall call) throws IOException {
        JsonObject body = call.body();
        String username = credential(body, "username");
        String password = credential(body, "password");
        PasswordCheck.Result checked = PasswordCheck.check(call.web(), call.request(), call.response(), username,
                password);
        if (checked instanceof PasswordCheck.Throttled throttled) {
            long seconds = throttled.retryAfter().toSeconds();
            throw new ApiException(429, "too_many_attempts", ApiErrors.text("api.loginThrottled", seconds),
                    JsonObject.EMPTY_JSON_OBJECT, seconds);
        }
        if (!(checked instanceof PasswordCheck.Passed passed)) {
            // the same answer for an unknown user and a wrong password
            throw call.errors().of(Problem.INVALID_CREDENTIALS);
        }
        SessionIdentity caller = passed.caller();
        // a JSON client learns of the enrolment offer from this answer: no page between it and the application
        SignIn.Started started = call.web().useCases().signIn().afterPassword(caller,
                caller.roles(call.request()::isUserInRole), null, false);
        call.web().sessions().replace(call.request(), current -> SessionChange.newId(started.state()));
        call.write(200, answer(started));
    }

    private static JsonObjectBuilder answer(SignIn.Started started) {
        LoginTransaction transaction = started.state().transaction();
        if (transaction == null) {
            JsonObjectBuilder answer = Json.createObjectBuilder()
                    .add("status", "authenticated").add("aal", AssuranceLevel.AAL1.code());
            addOffer(answer, started);
            return answer;
        }
        if (transaction.purpose() == LoginTransaction.Purpose.ENROL) {
            return Json.createObjectBuilder().add("status", "enrollment_required")
                    .add("transactionId", transaction.id());
        }
        JsonArrayBuilder factors = Json.createArrayBuilder();
        for (Factor factor : started.methods().factors()) {
            factors.add(Json.createObjectBuilder().add("id", factor.id()).add("type", factor.type().code())
                    .add("label", factor.label()));
        }
        return Json.createObjectBuilder().add("status", "mfa_required").add("transactionId", transaction.id())
                .add("factors", factors).add("defaultMethod", started.methods().defaultMethod().code());
    }

    /**
     * Adds the enrolment offer to the answer of a login that needs no second factor now: {@code enrollment}
     * ({@code suggested} or {@code grace}), the {@code choices} the client may offer, and what is left of a grace
     * period. Clients that do not know the fields ignore them.
     */
    private static void addOffer(JsonObjectBuilder answer, SignIn.Started started) {
        if (started.offer() == EnrolmentOffer.NONE) {
            return;
        }
        answer.add("enrollment", started.offer().code());
        JsonArrayBuilder choices = Json.createArrayBuilder().add("enroll").add("skip");
        if (started.offer() == EnrolmentOffer.SUGGESTED) {
            choices.add("opt_out");
        }
        answer.add("choices", choices);
        started.grace().ifPresent(grace -> {
            if (grace.signInsLeft() >= 0) {
                answer.add("graceSignInsLeft", grace.signInsLeft());
            }
            if (grace.endsAt() != null) {
                answer.add("graceEndsAt", grace.endsAt().toString());
            }
        });
    }

    /** {@code POST /verify {"transactionId", one of "code", "recoveryCode", "webauthn"}}. */
    static void verify(ApiCall call) throws IOException {
        JsonObject body = call.body();
        String transactionId = JsonIo.requiredString(body, "transactionId");
        String code = JsonIo.optionalString(body, "code");
        String recoveryCode = JsonIo.optionalString(body, "recoveryCode");
        String assertion = credentialJson(body, "webauthn");
        if ((code != null ? 1 : 0) + (recoveryCode != null ? 1 : 0) + (assertion != null ? 1 : 0) != 1) {
            throw new InvalidRequestException("Send one of code (from your authenticator app), webauthn (a security"
                    + " key's assertion) or recoveryCode");
        }
        Proof proof = code != null ? Proof.authenticatorCode(code) : recoveryCode != null
                ? Proof.recoveryCode(recoveryCode)
                : new Proof.SecurityKey(assertion, call.web().relyingParty(call.request()));
        Verification.Verified verified = call.run(caller -> call.web().useCases().verification()
                .verify(caller, transactionId, proof));
        JsonObjectBuilder answer = authenticated(verified.state());
        if (verified.recoveryCodesRemaining() >= 0) {
            answer.add("recoveryCodesRemaining", verified.recoveryCodesRemaining());
        }
        call.write(200, answer);
    }

    /** {@code POST /webauthn/options {"transactionId"}}: options for {@code navigator.credentials.get}. */
    static void securityKeyOptions(ApiCall call) throws IOException {
        String transactionId = JsonIo.requiredString(call.body(), "transactionId");
        AssertionCeremony ceremony = call.run(caller -> call.web().useCases().verification()
                .startSecurityKey(caller, transactionId));
        WebAuthnFactors.RelyingParty relyingParty = call.web().relyingParty(call.request());
        call.write(200, Json.createObjectBuilder().add("publicKey", Json.createObjectBuilder()
                .add("challenge", ceremony.challenge())
                .add("timeout", WebAuthnFactors.CEREMONY_TTL.toMillis())
                .add("rpId", relyingParty.id())
                .add("allowCredentials", FactorCalls.descriptors(ceremony))
                .add("userVerification", relyingParty.userVerification().code())));
    }

    /** {@code POST /logout}: signs out of the container and ends the session. */
    static void logout(ApiCall call) {
        call.web().sessions().end(call.request());
        call.noContent();
    }

    /** The answer of a call that reached a level: {@code {"status":"authenticated","aal","user"}}. */
    static JsonObjectBuilder authenticated(MfaState state) {
        return Json.createObjectBuilder().add("status", "authenticated").add("aal", state.aal().code())
                .add("user", state.identity().username());
    }

    /**
     * Reads a credential as JSON text for the library, or null when the field is absent. Its strings are not held
     * to the API's field length (an attestation object is longer); the whole body is still held to its size limit.
     */
    static String credentialJson(JsonObject body, String field) {
        JsonValue value = JsonIo.optional(body, field, JsonValue.ValueType.OBJECT,
                "an object: the PublicKeyCredential as JSON");
        return value == null ? null : value.toString();
    }

    private static String credential(JsonObject body, String field) {
        String value = JsonIo.requiredString(body, field);
        if (value.length() > MAX_CREDENTIAL_LENGTH) {
            throw new InvalidRequestException(field + " is longer than " + MAX_CREDENTIAL_LENGTH + " characters");
        }
        return value;
    }
}
