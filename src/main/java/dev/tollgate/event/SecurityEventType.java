package dev.tollgate.event;

/** The security-relevant steps Tollgate reports. */
public enum SecurityEventType {
    /** A user started enrolling a factor. */
    FACTOR_ENROLLED,
    /** A user confirmed a new factor with its first code. */
    FACTOR_CONFIRMED,
    /** A second factor was verified at sign-in or step-up: the session is now at aal2. */
    SECOND_FACTOR_VERIFIED,
    /** A wrong code (or recovery code) was given. */
    SECOND_FACTOR_FAILED,
    /** A recovery code was used to sign in. */
    RECOVERY_CODE_USED,
    /** A user made a new set of recovery codes; the old set died. */
    RECOVERY_CODES_REGENERATED,
    /** A user removed a factor. */
    FACTOR_REMOVED,
    /** A user renamed a factor. */
    FACTOR_RENAMED,
    /** An administrator removed every factor and recovery code of a user. */
    RESET_BY_ADMINISTRATOR,
    /** Too many consecutive failures: the account's second factor is locked for a while. */
    LOCKED_OUT,
    /**
     * A security key's signature was right but its counter did not move forward: the key may have been cloned
     * (WebAuthn Level 2, section 6.1.1). The sign-in is refused; the detail holds both counters.
     */
    POSSIBLE_CLONED_KEY,
    /** A sign-in ran out of attempts or time and was ended. */
    SIGN_IN_ABANDONED,
    /** A user without a factor chose "not now" when offered enrolment (the detail says if in a grace period). */
    ENROLMENT_SKIPPED,
    /** A user without a factor chose not to be offered enrolment again. */
    ENROLMENT_OPTED_OUT,
    /** A user undid an opt-out: enrolment is offered again at sign-in. */
    ENROLMENT_OPTED_IN;

    /**
     * Returns the name used in log lines.
     *
     * @return for example {@code second_factor_failed}
     */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
