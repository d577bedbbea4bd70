package dev.tollgate.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The relying-party settings of security keys and passkeys (WebAuthn).
 *
 * <pre>{@code
 * tollgate.webauthn.rpId=example.com
 * tollgate.webauthn.origins=https://example.com,https://www.example.com
 * tollgate.webauthn.userVerification=preferred
 * }</pre>
 *
 * <p>Unset, the relying-party id is the host name of each request and the only origin its scheme, host and port:
 * right for an application that is reached under one name. Behind a proxy that rewrites the host, or for an
 * application reached under several names, set both, since a key registered under one RP id never signs for
 * another (WebAuthn Level 2, section 5.1.4.1 and 13.4.9).
 *
 * @param rpId             the relying-party id (a registrable domain), or empty for the request's host name
 * @param origins          the origins ceremonies may come from, or empty for the request's own origin
 * @param userVerification whether the authenticator must verify the user (PIN, biometrics)
 */
public record WebAuthnSettings(Optional<String> rpId, List<String> origins, UserVerification userVerification) {

    /** Setting name: the relying-party id. */
    public static final String RP_ID = "tollgate.webauthn.rpId";
    /** Setting name: the allowed origins. */
    public static final String ORIGINS = "tollgate.webauthn.origins";
    /** Setting name: the user-verification requirement. */
    public static final String USER_VERIFICATION = "tollgate.webauthn.userVerification";

    /** The defaults: RP id and origin from the request, user verification preferred. */
    public static final WebAuthnSettings DEFAULT = new WebAuthnSettings(Optional.empty(), List.of(),
            UserVerification.PREFERRED);

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** The WebAuthn user-verification requirement (WebAuthn Level 2, section 5.8.6). */
    public enum UserVerification {
        /** The authenticator must verify the user; keys that cannot are refused. */
        REQUIRED,
        /** Verify the user when the authenticator can; presence alone is accepted. */
        PREFERRED,
        /** Presence alone (a touch): the second factor is possession of the key. */
        DISCOURAGED;

        /**
         * Returns the value as WebAuthn and the setting write it.
         *
         * @return for example {@code preferred}
         */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates the snapshot; the message of a failure names the setting. */
    public WebAuthnSettings {
        Objects.requireNonNull(rpId, "rpId");
        origins = List.copyOf(Objects.requireNonNull(origins, "origins"));
        Objects.requireNonNull(userVerification, "userVerification");
        rpId.ifPresent(id -> {
            if (!HOST.matcher(id).matches() || id.length() > 253) {
                throw Rules.invalid(RP_ID, id, "a lower-case domain name such as example.com, without scheme or port");
            }
        });
        for (String origin : origins) {
            requireOrigin(origin);
        }
    }

    private static void requireOrigin(String origin) {
        String allowed = "origins such as https://example.com (scheme, host and an optional port; no path),"
                + " separated by commas";
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            throw Rules.invalid(ORIGINS, origin, allowed);
        }
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw Rules.invalid(ORIGINS, origin, allowed);
        }
    }
}
