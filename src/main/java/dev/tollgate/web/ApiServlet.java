package dev.tollgate.web;

import dev.tollgate.InvalidRequestException;
import dev.tollgate.TollgateException;
import dev.tollgate.admin.AccountOverview;
import dev.tollgate.admin.FactorSummary;
import dev.tollgate.admin.ResetResult;
import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.factor.TotpFactors;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorType;
import dev.tollgate.store.StoreUnavailableException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The JSON API for single-page and mobile clients, under {@code <basePath>/api} (default {@code /mfa/api}).
 *
 * <p>Every error is JSON with a stable {@code error} code and a human {@code message}; nothing returns a stack trace.
 * Responses that carry a secret have {@code Cache-Control: no-store}. State-changing calls accept only
 * {@code application/json} bodies, which a cross-site form cannot send, and refuse a foreign {@code Origin}.
 */
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ApiServlet.class.getName());
    private static final Pattern FACTOR_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_CREDENTIAL_LENGTH = 256;

    private final transient FirstFactor firstFactor;

    /**
     * Creates the API; {@link TollgateContextListener} registers it.
     *
     * @param firstFactor how this application checks passwords
     */
    ApiServlet(FirstFactor firstFactor) {
        this.firstFactor = firstFactor;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Tollgate tollgate = Tollgate.of(getServletContext());
        response.setHeader("Cache-Control", "no-store");
        try {
            checkOrigin(request);
            route(tollgate, request, response);
        } catch (ApiException e) {
            JsonIo.error(response, e.status(), e.error(), e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Tollgate: factor store unavailable", e);
            JsonIo.error(response, 503, e.error(), "Sign-in is unavailable right now; try again shortly");
        } catch (InvalidRequestException e) {
            JsonIo.error(response, 400, e.error(), e.getMessage());
        } catch (TollgateException e) {
            JsonIo.error(response, 400, e.error(), e.getMessage());
        } catch (RuntimeException | ServletException e) {
            LOG.log(Level.SEVERE, "Tollgate: unexpected failure in " + request.getMethod() + " "
                    + Navigation.path(request), e);
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader("Cache-Control", "no-store");
                JsonIo.error(response, 500, "server_error", "Something went wrong on the server; try again");
            }
        }
    }

    private void route(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        if (path.equals("/login")) {
            requireMethod(method, "POST");
            login(tollgate, request, response);
        } else if (path.equals("/verify")) {
            requireMethod(method, "POST");
            verify(tollgate, request, response);
        } else if (path.equals("/factors")) {
            requireMethod(method, "GET");
            listFactors(tollgate, request, response);
        } else if (path.equals("/factors/totp")) {
            requireMethod(method, "POST");
            enrolTotp(tollgate, request, response);
        } else if (path.equals("/factors/webauthn")) {
            requireMethod(method, "POST");
            WebAuthnCalls.startRegistration(tollgate, request, response);
        } else if (path.startsWith("/factors/webauthn/") && path.endsWith("/finish")) {
            requireMethod(method, "POST");
            WebAuthnCalls.finishRegistration(tollgate, request, response, factorId(path.substring(
                    "/factors/webauthn/".length(), path.length() - "/finish".length())));
        } else if (path.equals("/webauthn/options")) {
            requireMethod(method, "POST");
            WebAuthnCalls.assertionOptions(tollgate, request, response);
        } else if (path.startsWith("/factors/") && path.endsWith("/verify")) {
            requireMethod(method, "POST");
            confirm(tollgate, request, response, factorId(path.substring("/factors/".length(),
                    path.length() - "/verify".length())));
        } else if (path.startsWith("/factors/") && "PATCH".equalsIgnoreCase(method)) {
            rename(tollgate, request, response, factorId(path.substring("/factors/".length())));
        } else if (path.startsWith("/factors/")) {
            requireMethod(method, "DELETE");
            remove(tollgate, request, response, factorId(path.substring("/factors/".length())));
        } else if (path.equals("/recovery-codes")) {
            requireMethod(method, "POST");
            regenerateRecoveryCodes(tollgate, request, response);
        } else if (path.equals("/enrollment/skip")) {
            requireMethod(method, "POST");
            skipEnrolment(tollgate, request, response);
        } else if (path.equals("/enrollment/opt-out")) {
            optOut(tollgate, request, response, "DELETE".equalsIgnoreCase(method));
        } else if (path.startsWith("/admin/users/") && path.endsWith("/factors")
                && path.length() > "/admin/users//factors".length()) {
            administer(tollgate, request, response, path.substring("/admin/users/".length(),
                    path.length() - "/factors".length()));
        } else if (path.equals("/logout")) {
            requireMethod(method, "POST");
            logout(request, response);
        } else {
            throw new ApiException(404, "not_found", "No such call: " + method + " " + tollgate.settings().basePath()
                    + "/api" + (path.length() > 100 ? path.substring(0, 100) + "..." : path));
        }
    }

    private void login(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        JsonObject body = JsonIo.readObject(request);
        String username = credential(body, "username");
        String password = credential(body, "password");
        Optional<SessionIdentity> identity;
        try {
            identity = firstFactor.check(request, response, username, password);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        if (identity.isEmpty()) {
            // the same answer for an unknown user and a wrong password
            throw new ApiException(401, "invalid_credentials", "The user name or password is wrong");
        }
        SessionIdentity caller = identity.get();
        MfaState state = tollgate.flow().afterPassword(caller,
                caller.roles(request::isUserInRole), null);
        HttpSession session = request.getSession(true);
        synchronized (tollgate.lockFor(session)) {
            request.changeSessionId();
            // a JSON client learns of the enrolment offer from this answer: no page between it and the application
            Tollgate.store(request, state.withOffer(EnrolmentOffer.NONE));
        }
        LoginTransaction transaction = state.transaction();
        if (transaction == null) {
            JsonObjectBuilder answer = Json.createObjectBuilder()
                    .add("status", "authenticated").add("aal", AssuranceLevel.AAL1.code());
            addOffer(tollgate, answer, state);
            JsonIo.write(response, 200, answer.build());
        } else if (transaction.purpose() == LoginTransaction.Purpose.ENROL) {
            JsonIo.write(response, 200, Json.createObjectBuilder()
                    .add("status", "enrollment_required").add("transactionId", transaction.id()).build());
        } else {
            JsonArrayBuilder factors = Json.createArrayBuilder();
            for (Factor factor : tollgate.flow().confirmedFactors(caller.username())) {
                factors.add(Json.createObjectBuilder().add("id", factor.id()).add("type", factor.type().code())
                        .add("label", factor.label()));
            }
            JsonIo.write(response, 200, Json.createObjectBuilder()
                    .add("status", "mfa_required").add("transactionId", transaction.id())
                    .add("factors", factors)
                    .add("defaultMethod", SignInFlow.defaultMethod(
                            tollgate.flow().confirmedFactors(caller.username())).code())
                    .build());
        }
    }

    /**
     * Adds the enrolment offer to the answer of a login that needs no second factor now: {@code enrollment}
     * ({@code suggested} or {@code grace}), the {@code choices} the client may offer, and what is left of a grace
     * period. Clients that do not know the fields ignore them, as before.
     */
    private static void addOffer(Tollgate tollgate, JsonObjectBuilder answer, MfaState state) {
        if (state.offer() == EnrolmentOffer.NONE) {
            return;
        }
        answer.add("enrollment", state.offer().code());
        JsonArrayBuilder choices = Json.createArrayBuilder().add("enroll").add("skip");
        if (state.offer() == EnrolmentOffer.SUGGESTED) {
            choices.add("opt_out");
        }
        answer.add("choices", choices);
        if (state.offer() == EnrolmentOffer.GRACE) {
            tollgate.choices().graceLeft(state.identity().username()).ifPresent(grace -> {
                if (grace.signInsLeft() >= 0) {
                    answer.add("graceSignInsLeft", grace.signInsLeft());
                }
                if (grace.endsAt() != null) {
                    answer.add("graceEndsAt", grace.endsAt().toString());
                }
            });
        }
    }

    private void skipEnrolment(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response) {
        MfaState state = signedIn(request);
        if (!state.containerLoginAllowed()) {
            throw state.hasFactor() ? ApiException.mfaRequired() : new ApiException(409, "enrollment_required",
                    "A second factor is required for your account: enrol one (POST "
                            + tollgate.settings().basePath() + "/api/factors/totp)");
        }
        if (!state.hasFactor() && state.aal() == AssuranceLevel.AAL1) {
            boolean grace = tollgate.policy().mustEnrol(state.identity().roles(request::isUserInRole));
            tollgate.flow().publish(SecurityEventType.ENROLMENT_SKIPPED, state, request.getRemoteAddr(), null,
                    grace ? "grace period" : null);
        }
        response.setStatus(204);
    }

    private void optOut(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, boolean undo) {
        if (!undo) {
            requireMethod(request.getMethod(), "POST");
        }
        MfaState state = signedIn(request);
        String username = state.identity().username();
        if (undo) {
            // asking to be offered enrolment again only makes the account safer: no level needed
            if (tollgate.choices().optIn(username)) {
                tollgate.flow().publish(SecurityEventType.ENROLMENT_OPTED_IN, state, request.getRemoteAddr(), null,
                        null);
            }
            response.setStatus(204);
            return;
        }
        if (!state.containerLoginAllowed()) {
            throw ApiException.mfaRequired();
        }
        if (tollgate.policy().mustEnrol(state.identity().roles(request::isUserInRole))) {
            throw new ApiException(409, "opt_out_not_allowed",
                    "A second factor is required for your account: you cannot opt out");
        }
        tollgate.choices().optOut(username);
        tollgate.flow().publish(SecurityEventType.ENROLMENT_OPTED_OUT, state, request.getRemoteAddr(), null, null);
        response.setStatus(204);
    }

    /**
     * {@code GET} and {@code DELETE <basePath>/api/admin/users/{username}/factors}: an administrator lists or resets
     * a user's factors. The endpoint exists only when {@code tollgate.admin.role} is set, and answers only members
     * of that role whose own session is at aal2.
     */
    private void administer(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response,
            String username) throws IOException {
        Optional<String> role = tollgate.settings().adminRole();
        if (role.isEmpty()) {
            throw new ApiException(404, "not_found", "No such call: the administrator's endpoint is not enabled");
        }
        MfaState state = signedIn(request);
        if (!state.identity().roles(request::isUserInRole).test(role.get())) {
            throw new ApiException(403, "forbidden", "You may not administer other users' sign-in methods");
        }
        if (state.aal() != AssuranceLevel.AAL2) {
            throw ApiException.mfaRequired();
        }
        if ("DELETE".equalsIgnoreCase(request.getMethod())) {
            ResetResult reset = tollgate.administration().reset(username,
                    state.identity().username(), request.getRemoteAddr());
            JsonIo.write(response, 200, Json.createObjectBuilder().add("user", reset.username())
                    .add("factorsRemoved", reset.factorsRemoved())
                    .add("recoveryCodesRemoved", reset.recoveryCodesRemoved()).build());
            return;
        }
        requireMethod(request.getMethod(), "GET");
        AccountOverview account = tollgate.administration().overview(username);
        JsonArrayBuilder factors = Json.createArrayBuilder();
        for (FactorSummary factor : account.factors()) {
            factors.add(factorJson(factor.id(), factor.type(), factor.label(), factor.createdAt(),
                    factor.lastUsedAt()));
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("user", account.username()).add("factors", factors)
                .add("recoveryCodesRemaining", account.recoveryCodesRemaining())
                .add("optedOut", account.optedOut());
        if (account.lockedUntil() == null) {
            answer.addNull("lockedUntil");
        } else {
            answer.add("lockedUntil", account.lockedUntil().toString());
        }
        JsonIo.write(response, 200, answer.build());
    }

    private void verify(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonObject body = JsonIo.readObject(request);
        String transactionId = JsonIo.requiredString(body, "transactionId");
        String code = JsonIo.optionalString(body, "code");
        String recoveryCode = JsonIo.optionalString(body, "recoveryCode");
        String assertion = WebAuthnCalls.credentialJson(body, "webauthn");
        if ((code != null ? 1 : 0) + (recoveryCode != null ? 1 : 0) + (assertion != null ? 1 : 0) != 1) {
            throw new InvalidRequestException("Send one of code (from your authenticator app), webauthn (a security"
                    + " key's assertion) or recoveryCode");
        }
        if (assertion != null && !tollgate.securityKeys()) {
            // refused before the sign-in counts it: the server, not the user, is at fault
            throw Tollgate.securityKeysUnavailable();
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw expired();
        }
        SignInFlow.Verification result;
        SignInFlow.Proof proof;
        synchronized (tollgate.lockFor(session)) {
            proof = code != null ? new SignInFlow.TotpCode(code)
                    : recoveryCode != null ? new SignInFlow.RecoveryCodeProof(recoveryCode)
                    : WebAuthnCalls.securityKeyProof(tollgate, request, session, transactionId, assertion);
            result = tollgate.flow().verify(Tollgate.state(request), transactionId, proof, request.getRemoteAddr());
            if (result.outcome() == SignInFlow.CodeOutcome.ACCEPTED) {
                request.changeSessionId();
            }
            if (result.outcome() != SignInFlow.CodeOutcome.NO_TRANSACTION) {
                Tollgate.store(request, result.state());
            }
        }
        switch (result.outcome()) {
            case ACCEPTED -> {
                JsonObjectBuilder answer = authenticatedBuilder(result.state());
                if (proof instanceof SignInFlow.RecoveryCodeProof) {
                    answer.add("recoveryCodesRemaining",
                            tollgate.recovery().remaining(result.state().identity().username()));
                }
                JsonIo.write(response, 200, answer.build());
            }
            case WRONG -> {
                Optional<java.time.Duration> offset = tollgate.flow().clockOffset(result.state(), proof);
                if (offset.isPresent()) {
                    JsonIo.write(response, 401, Json.createObjectBuilder().add("error", "invalid_code")
                            .add("message", "That code would be right if your phone's clock were correct: it is "
                                    + SignInFlow.describe(offset.get()) + ". Set the phone to automatic time and"
                                    + " enter the new code")
                            .add("clockOffsetSeconds", offset.get().toSeconds()).build());
                    return;
                }
                if (proof instanceof SignInFlow.SecurityKeyProof) {
                    throw new ApiException(401, "invalid_credential", "The security key's answer was refused:"
                            + " ask for new options (POST " + tollgate.settings().basePath()
                            + "/api/webauthn/options) and try again");
                }
                throw new ApiException(401, "invalid_code", proof instanceof SignInFlow.RecoveryCodeProof
                        ? "That recovery code didn't match, or it was used before"
                        : "That code didn't match. Codes change every 30 seconds; check your phone's clock");
            }
            case TOO_MANY_ATTEMPTS -> {
                endSession(request);
                throw new ApiException(429, "too_many_attempts", "Too many wrong codes: sign in again");
            }
            case LOCKED -> {
                endSession(request);
                long seconds = Math.max(1, java.time.Duration.between(tollgate.flow().now(), result.lockedUntil())
                        .toSeconds());
                response.setHeader("Retry-After", String.valueOf(seconds));
                throw new ApiException(429, "too_many_attempts", "Too many wrong codes for this account: the second"
                        + " factor is locked; try again in " + seconds + " seconds");
            }
            case EXPIRED -> {
                endSession(request);
                throw expired();
            }
            case NO_TRANSACTION -> throw expired();
            default -> throw new IllegalStateException("unexpected outcome " + result.outcome());
        }
    }

    /** One factor as both the user's list and the administrator's list show it. */
    private static JsonObjectBuilder factorJson(String id, FactorType type, String label, Instant createdAt,
            Instant lastUsedAt) {
        JsonObjectBuilder item = Json.createObjectBuilder().add("id", id).add("type", type.code()).add("label", label)
                .add("createdAt", createdAt.toString());
        return lastUsedAt == null ? item.addNull("lastUsedAt") : item.add("lastUsedAt", lastUsedAt.toString());
    }

    static ApiException expired() {
        return new ApiException(410, "transaction_expired",
                "This sign-in is no longer waiting for a code in this session: sign in again");
    }

    private static JsonObject authenticated(MfaState state) {
        return authenticatedBuilder(state).build();
    }

    static JsonObjectBuilder authenticatedBuilder(MfaState state) {
        return Json.createObjectBuilder().add("status", "authenticated").add("aal", state.aal().code())
                .add("user", state.identity().username());
    }

    private void listFactors(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        MfaState state = signedIn(request);
        JsonArrayBuilder factors = Json.createArrayBuilder();
        for (Factor factor : tollgate.flow().confirmedFactors(state.identity().username())) {
            factors.add(factorJson(factor.id(), factor.type(), factor.label(), factor.createdAt(),
                    factor.lastUsedAt()));
        }
        JsonIo.write(response, 200, Json.createObjectBuilder().add("user", state.identity().username())
                .add("aal", state.aal().code()).add("factors", factors)
                .add("recoveryCodesRemaining", tollgate.recovery().remaining(state.identity().username()))
                .add("optedOut", tollgate.choices().optedOut(state.identity().username()))
                .build());
    }

    private void enrolTotp(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonObject body = request.getContentLengthLong() == 0 && request.getContentType() == null
                ? JsonObject.EMPTY_JSON_OBJECT : JsonIo.readObject(request);
        String label = JsonIo.optionalString(body, "label");
        MfaState state = signedIn(request);
        mayAddFactor(state);
        TotpEnrolment enrolment = tollgate.totp().enrol(state.identity().username(), label);
        tollgate.flow().publish(SecurityEventType.FACTOR_ENROLLED, state, request.getRemoteAddr(),
                enrolment.factorId(), null);
        String uri = enrolment.keyUri().toUriString();
        JsonIo.write(response, 201, Json.createObjectBuilder()
                .add("factorId", enrolment.factorId())
                .add("secret", enrolment.secret().base32())
                .add("otpauthUrl", uri)
                .add("qrCode", tollgate.qrCodes().dataUrl(uri))
                .build());
    }

    static void mayAddFactor(MfaState state) {
        if (!state.mayAddFactor()) {
            throw ApiException.mfaRequired();
        }
    }

    private void confirm(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response,
            String factorId) throws IOException {
        JsonObject body = JsonIo.readObject(request);
        String code = JsonIo.requiredString(body, "code");
        HttpSession session = request.getSession(false);
        MfaState state = signedIn(request);
        mayAddFactor(state);
        String username = state.identity().username();
        synchronized (tollgate.lockFor(session)) {
            TotpFactors.Confirmation confirmation = tollgate.totp().confirm(username, factorId, code,
                    tollgate.recovery());
            if (!confirmation.confirmed()) {
                throw new ApiException(401, "invalid_code",
                        "That code didn't match. Codes change every 30 seconds; check your phone's clock");
            }
            tollgate.flow().publish(SecurityEventType.FACTOR_CONFIRMED, state, request.getRemoteAddr(), factorId,
                    null);
            MfaState upgraded = Optional.ofNullable(Tollgate.state(request)).orElse(state).atAal2();
            request.changeSessionId();
            Tollgate.store(request, upgraded);
            JsonObjectBuilder answer = authenticatedBuilder(upgraded);
            // the first factor comes with recovery codes, stored with it and shown this once
            if (!confirmation.recoveryCodes().isEmpty()) {
                JsonArrayBuilder codes = Json.createArrayBuilder();
                confirmation.recoveryCodes().forEach(codes::add);
                tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, upgraded,
                        request.getRemoteAddr(), null, "with the first factor");
                answer.add("recoveryCodes", codes);
            }
            JsonIo.write(response, 200, answer.build());
        }
    }

    private void regenerateRecoveryCodes(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        MfaState state = signedIn(request);
        if (state.aal() != AssuranceLevel.AAL2) {
            throw ApiException.mfaRequired();
        }
        if (tollgate.flow().confirmedFactors(state.identity().username()).isEmpty()) {
            throw new ApiException(409, "no_factor", "Add an authenticator app first: recovery codes stand in for it");
        }
        JsonArrayBuilder codes = Json.createArrayBuilder();
        tollgate.recovery().regenerate(state.identity().username()).forEach(codes::add);
        tollgate.flow().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, state, request.getRemoteAddr(), null,
                null);
        JsonIo.write(response, 200, Json.createObjectBuilder().add("recoveryCodes", codes).build());
    }

    private void rename(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, String factorId)
            throws IOException {
        JsonObject body = JsonIo.readObject(request);
        String label = JsonIo.requiredString(body, "label");
        MfaState state = signedIn(request);
        if (state.aal() != AssuranceLevel.AAL2 && state.hasFactor()) {
            throw ApiException.mfaRequired();
        }
        if (!tollgate.totp().rename(state.identity().username(), factorId, label)) {
            throw new ApiException(404, "not_found", "You have no factor with that id");
        }
        tollgate.flow().publish(SecurityEventType.FACTOR_RENAMED, state, request.getRemoteAddr(), factorId, null);
        response.setStatus(204);
    }

    /**
     * Removes a factor: needs aal2 and, with the call, a fresh code from an authenticator app or a recovery code
     * ({@code {"code"}} or {@code {"recoveryCode"}}), so that a session left open is not enough to take the second
     * factor off an account. The code is spent and counts towards the account lock like a sign-in.
     */
    private void remove(Tollgate tollgate, HttpServletRequest request, HttpServletResponse response, String factorId)
            throws IOException {
        long length = request.getContentLengthLong();
        JsonObject body = length == 0 || length < 0 && request.getContentType() == null
                ? JsonObject.EMPTY_JSON_OBJECT : JsonIo.readObject(request);
        String code = JsonIo.optionalString(body, "code");
        String recoveryCode = JsonIo.optionalString(body, "recoveryCode");
        if (code != null && recoveryCode != null) {
            throw new InvalidRequestException("Send either code (from your authenticator app) or recoveryCode");
        }
        MfaState state = signedIn(request);
        if (state.aal() != AssuranceLevel.AAL2) {
            throw ApiException.mfaRequired();
        }
        String username = state.identity().username();
        List<Factor> factors = tollgate.flow().confirmedFactors(username);
        if (factors.stream().noneMatch(f -> f.id().equals(factorId))) {
            throw new ApiException(404, "not_found", "You have no factor with that id");
        }
        boolean last = factors.size() == 1;
        if (last && tollgate.policy().mustEnrol(state.identity().roles(request::isUserInRole))) {
            throw new ApiException(409, "last_factor", "A second factor is required for your account: add another"
                    + " authenticator before removing this one");
        }
        if (code == null && recoveryCode == null) {
            throw new ApiException(401, "code_required", "Confirm the removal with a current code from your"
                    + " authenticator app (code) or a recovery code (recoveryCode)");
        }
        SignInFlow.Proof proof = code != null ? new SignInFlow.TotpCode(code)
                : new SignInFlow.RecoveryCodeProof(recoveryCode);
        SignInFlow.Verification check = tollgate.flow().reauthenticate(state, proof, request.getRemoteAddr(),
                "to remove a factor");
        switch (check.outcome()) {
            case ACCEPTED -> {
                if (!tollgate.store().delete(factorId, username)) {
                    throw new ApiException(404, "not_found", "You have no factor with that id");
                }
                tollgate.flow().publish(SecurityEventType.FACTOR_REMOVED, state, request.getRemoteAddr(), factorId,
                        null);
                if (last) {
                    tollgate.recovery().deleteAll(username);
                }
                response.setStatus(204);
            }
            case LOCKED -> {
                endSession(request);
                long seconds = Math.max(1, java.time.Duration.between(tollgate.flow().now(), check.lockedUntil())
                        .toSeconds());
                response.setHeader("Retry-After", String.valueOf(seconds));
                throw new ApiException(429, "too_many_attempts", "Too many wrong codes for this account: the second"
                        + " factor is locked; try again in " + seconds + " seconds");
            }
            default -> throw new ApiException(401, "invalid_code", proof instanceof SignInFlow.RecoveryCodeProof
                    ? "That recovery code didn't match, or it was used before"
                    : "That code didn't match. Codes change every 30 seconds; check your phone's clock");
        }
    }

    private static void logout(HttpServletRequest request, HttpServletResponse response) {
        endSession(request);
        response.setStatus(204);
    }

    /** Signs the caller out of the container and drops the session, so a new sign-in starts from the password. */
    static void endSession(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.log(Level.FINE, "Tollgate: container logout failed; invalidating the session anyway", e);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
    }

    static MfaState signedIn(HttpServletRequest request) {
        MfaState state = Tollgate.state(request);
        if (state == null) {
            throw ApiException.notSignedIn();
        }
        return state;
    }

    private static String factorId(String text) {
        if (!FACTOR_ID.matcher(text).matches()) {
            throw new InvalidRequestException("The factor id in the path is not a factor id");
        }
        return text;
    }

    private static String credential(JsonObject body, String field) {
        String value = JsonIo.requiredString(body, field);
        if (value.length() > MAX_CREDENTIAL_LENGTH) {
            throw new InvalidRequestException(field + " is longer than " + MAX_CREDENTIAL_LENGTH + " characters");
        }
        return value;
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equalsIgnoreCase(actual)) {
            throw new ApiException(405, "method_not_allowed", "Use " + expected + " for this call");
        }
    }

    /**
     * Refuses a cross-site request: a browser sends {@code Origin} with every cross-origin request, and it must name
     * this server.
     */
    private static void checkOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || "GET".equalsIgnoreCase(request.getMethod())) {
            return;
        }
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            if (request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port) {
                return;
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the refusal
        }
        throw new ApiException(403, "forbidden_origin", "Cross-origin calls to the Tollgate API are refused");
    }
}
