package dev.tollgate.config;

import java.util.Locale;

/**
 * How Tollgate keys an account by the caller name the realm or identity store gave ({@code tollgate.userNames}).
 *
 * <p>A store that ignores case may still hand back the name as typed: Soteria's {@code DatabaseIdentityStore} names
 * the caller {@code credential.getCaller()}, so on MySQL (whose default collations ignore case) or with an LDAP
 * directory {@code ALICE} signs in as {@code ALICE}, while her factor is kept under {@code alice}. With
 * {@link #IGNORE_CASE} both are the account {@code alice}, and the factor is asked for.
 */
public enum UserNames {

    /** The caller name as the realm or identity store gave it: right for a store that compares names exactly. */
    EXACT,

    /**
     * The caller name in lower case ({@link Locale#ROOT}): for stores that ignore case (LDAP, MySQL, SQL Server and
     * most case-insensitive collations). Factors stored under names with capitals before this setting are found
     * only once those names are lower-cased ({@code UPDATE tollgate_factor SET username = LOWER(username)}, and
     * likewise for {@code tollgate_recovery_code}, {@code tollgate_account_lock} and {@code tollgate_preference}).
     */
    IGNORE_CASE;

    /**
     * Returns the key of an account.
     *
     * @param callerName the caller name the realm or identity store gave after the password
     * @return the name Tollgate keeps the account's factors, locks and choices under
     */
    public String key(String callerName) {
        return this == IGNORE_CASE ? callerName.toLowerCase(Locale.ROOT) : callerName;
    }
}
