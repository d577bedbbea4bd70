package dev.tollgate.twostep;

import dev.tollgate.StableCode;

/**
 * Why a use case refused, with the stable error code the JSON API returns in its {@code error} field. The texts for
 * people (the API's English messages and the pages' translated ones) are in the resource bundle
 * {@code dev.tollgate.web.messages}.
 */
public enum Problem implements StableCode {
    /** No one has signed in with a password in this session. */
    NOT_AUTHENTICATED,
    /** The user name or password is wrong (one answer for both). */
    INVALID_CREDENTIALS,
    /** The call needs a session at aal2. */
    MFA_REQUIRED,
    /** The policy requires a first factor before anything else. */
    ENROLLMENT_REQUIRED,
    /** No live login transaction with that id in this session. */
    TRANSACTION_EXPIRED,
    /** Too many wrong codes for this sign-in: it is over. */
    TOO_MANY_ATTEMPTS,
    /** The user has no factor with that id. */
    NOT_FOUND,
    /** The policy requires a factor, and this is the user's last one. */
    LAST_FACTOR,
    /** The call needs a fresh code, security-key assertion or recovery code with it. */
    CODE_REQUIRED,
    /** The policy requires a factor: opting out is not offered. */
    OPT_OUT_NOT_ALLOWED,
    /** Recovery codes stand in for a factor, so they need one first. */
    NO_FACTOR,
    /** No security-key registration with that id waits in this session. */
    NO_CEREMONY,
    /** The user has no security key to sign in with. */
    NO_SECURITY_KEY,
    /** The WebAuthn library cannot work in this server. */
    SECURITY_KEYS_UNAVAILABLE,
    /** The caller may not do this at all. */
    FORBIDDEN;


}
