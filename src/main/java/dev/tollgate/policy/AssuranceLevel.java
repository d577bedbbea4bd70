package dev.tollgate.policy;

/**
 * How strongly a session's caller was authenticated, in the terms of NIST SP 800-63B section 4.
 *
 * <p>The JSON API reports the {@linkplain #code() code}; an application can read the level of the current request
 * from the request attribute {@code dev.tollgate.aal}.
 */
public enum AssuranceLevel {
    /** A password (or the application's own first factor) only. */
    AAL1("aal1"),
    /** The first factor and a second one: an authenticator-app code, a security key or a recovery code. */
    AAL2("aal2");

    private final String code;

    AssuranceLevel(String code) {
        this.code = code;
    }

    /**
     * Returns the level's name in the JSON API.
     *
     * @return {@code aal1} or {@code aal2}
     */
    public String code() {
        return code;
    }

    /**
     * Tells whether this level satisfies a required one.
     *
     * @param required the level a resource needs
     * @return true if this level is at least as strong
     */
    public boolean satisfies(AssuranceLevel required) {
        return compareTo(required) >= 0;
    }
}
