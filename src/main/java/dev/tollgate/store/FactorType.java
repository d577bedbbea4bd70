package dev.tollgate.store;

import dev.tollgate.StableCode;

/**
 * The kinds of second factor Tollgate knows. The {@linkplain #code() code} is what the database and the JSON API
 * carry.
 */
public enum FactorType implements StableCode {
    /** A time-based one-time password from an authenticator app (RFC 6238). */
    TOTP,
    /** A security key or passkey: a WebAuthn public-key credential bound to this site's origin. */
    WEBAUTHN;



    /**
     * Finds a type by its stable name.
     *
     * @param code the stored name
     * @return the type
     * @throws IllegalStateException if the database holds a type this version does not know
     */
    public static FactorType fromCode(String code) {
        for (FactorType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalStateException("tollgate_factor holds factor type '" + code
                + "', which this version of Tollgate does not know; was it written by a newer version?");
    }
}
