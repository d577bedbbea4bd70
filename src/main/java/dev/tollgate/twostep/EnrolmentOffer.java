package dev.tollgate.twostep;

/**
 * What a user without a second factor is offered after the password, where the policy lets them in without one.
 * Browsers see the offer once per sign-in, as a page between the password and the application; JSON clients get it
 * as the {@code enrollment} field of the login's answer.
 */
public enum EnrolmentOffer {
    /** Nothing: the user has a factor, opted out, must enrol now, or was already asked in this sign-in. */
    NONE("none"),
    /** Policy {@code optional}: enrol now, skip (asked again next sign-in), or opt out (not asked again). */
    SUGGESTED("suggested"),
    /** A policy that requires a factor, in its grace period: enrol now, or skip for this sign-in. */
    GRACE("grace");

    private final String code;

    EnrolmentOffer(String code) {
        this.code = code;
    }

    /**
     * Returns the value of the JSON API's {@code enrollment} field.
     *
     * @return {@code suggested} or {@code grace} ({@code none} is never sent)
     */
    public String code() {
        return code;
    }
}
