package dev.tollgate.twostep;

/**
 * Why a use case refused, with the stable error code the JSON API returns in its {@code error} field. The texts for
 * people (the API's English messages and the pages' translated ones) are in the resource bundle
 * {@code dev.tollgate.web.messages}.
 */
public enum Problem {
    /** No one has signed in with a password in this session. */
    NOT_SIGNED_IN("not_authenticated"),
    /** The user name or password is wrong (one answer for both). */
    INVALID_CREDENTIALS("invalid_credentials"),
    /** The call needs a session at aal2. */
    MFA_REQUIRED("mfa_required"),
    /** The policy requires a first factor before anything else. */
    ENROLMENT_REQUIRED("enrollment_required"),
    /** No live login transaction with that id in this session. */
    TRANSACTION_EXPIRED("transaction_expired"),
    /** Too many wrong codes for this sign-in: it is over. */
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    /** The user has no factor with that id. */
    NOT_FOUND("not_found"),
    /** The policy requires a factor, and this is the user's last one. */
    LAST_FACTOR("last_factor"),
    /** The call needs a fresh code, security-key assertion or recovery code with it. */
    PROOF_REQUIRED("code_required"),
    /** The policy requires a factor: opting out is not offered. */
    OPT_OUT_NOT_ALLOWED("opt_out_not_allowed"),
    /** Recovery codes stand in for a factor, so they need one first. */
    NO_FACTOR("no_factor"),
    /** No security-key registration with that id waits in this session. */
    NO_CEREMONY("no_ceremony"),
    /** The user has no security key to sign in with. */
    NO_SECURITY_KEY("no_security_key"),
    /** The WebAuthn library cannot work in this server. */
    SECURITY_KEYS_UNAVAILABLE("security_keys_unavailable"),
    /** The caller may not do this at all. */
    FORBIDDEN("forbidden");

    private final String code;

    Problem(String code) {
        this.code = code;
    }

    /**
     * Returns the stable error code.
     *
     * @return for example {@code mfa_required}
     */
    public String code() {
        return code;
    }
}
