package dev.tollgate;

import java.util.Locale;

/**
 * An enum whose constants have a stable name in the JSON API, the database or the security events: the constant's
 * own name in lower case ({@code MFA_REQUIRED} is {@code mfa_required}), so that the two can never drift apart.
 */
public interface StableCode {

    /**
     * Returns the constant's name, as every enum does.
     *
     * @return for example {@code MFA_REQUIRED}
     */
    String name();

    /**
     * Returns the stable name.
     *
     * @return the constant's name in lower case, for example {@code mfa_required}
     */
    default String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
