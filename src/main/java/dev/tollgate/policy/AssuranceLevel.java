package dev.tollgate.policy;

import dev.tollgate.StableCode;

/**
 * How strongly a session's caller was authenticated, in the terms of NIST SP 800-63B section 4.
 *
 * <p>The JSON API reports the {@linkplain #code() code}; an application can read the level of the current request
 * from the request attribute {@code dev.tollgate.aal}.
 */
public enum AssuranceLevel implements StableCode {
    /** A password (or the application's own first factor) only. */
    AAL1,
    /** The first factor and a second one: an authenticator-app code, a security key or a recovery code. */
    AAL2;



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
