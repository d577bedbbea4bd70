package dev.tollgate.web;

import dev.tollgate.config.TollgateSettings;
import dev.tollgate.config.WebAuthnSettings;
import dev.tollgate.factor.WebAuthnFactors;
import dev.tollgate.otp.QrCodes;
import dev.tollgate.twostep.UseCases;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the HTTP adapters of one application share, built once at start-up and handed to each of them through its
 * constructor: the settings, the use cases, the session states, and where users are sent.
 *
 * @param settings         the application's settings
 * @param useCases         every rule of two-step sign-in
 * @param sessions         Tollgate's state in the HTTP sessions
 * @param navigation       where users are sent
 * @param qrCodes          renders enrolment QR codes
 * @param firstFactor      how this application checks passwords
 * @param mechanismWrapped whether the application signs in through a Jakarta Security mechanism that Tollgate wraps,
 *                         rather than through the container's own FORM or BASIC login
 */
public record TollgateWeb(TollgateSettings settings, UseCases useCases, SessionStates sessions,
        Navigation navigation, QrCodes qrCodes, FirstFactor firstFactor, boolean mechanismWrapped) {

    /**
     * Builds the adapters' shared parts.
     *
     * @param settings         the settings
     * @param useCases         the use cases
     * @param firstFactor      the password check
     * @param mechanismWrapped whether a mechanism is wrapped
     * @return the parts
     */
    public static TollgateWeb of(TollgateSettings settings, UseCases useCases, FirstFactor firstFactor,
            boolean mechanismWrapped) {
        return new TollgateWeb(settings, useCases, new SessionStates(), new Navigation(settings), QrCodes.standard(),
                firstFactor, mechanismWrapped);
    }

    /**
     * The relying party of a request: the configured RP id and origins, or else the request's host name and origin,
     * which is right for an application reached under one name (see {@link WebAuthnSettings}).
     *
     * @param request the request
     * @return the relying party
     */
    WebAuthnFactors.RelyingParty relyingParty(HttpServletRequest request) {
        WebAuthnSettings configured = settings.webauthn();
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        String requestOrigin = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + (defaultPort ? "" : ":" + port);
        Set<String> origins = configured.origins().isEmpty() ? Set.of(requestOrigin)
                : new LinkedHashSet<>(configured.origins());
        return new WebAuthnFactors.RelyingParty(configured.rpId().orElse(host), origins,
                configured.userVerification());
    }
}
