package dev.tollgate.twostep;

import dev.tollgate.StableCode;

/**
 * What a user without a second factor is offered after the password, where the policy lets them in without one.
 * Browsers see the offer once per sign-in, as a page between the password and the application; JSON clients get it
 * as the {@code enrollment} field of the login's answer.
 */
public enum EnrolmentOffer implements StableCode {
    /** Nothing: the user has a factor, opted out, must enrol now, or was already asked in this sign-in. */
    NONE,
    /** Policy {@code optional}: enrol now, skip (asked again next sign-in), or opt out (not asked again). */
    SUGGESTED,
    /** A policy that requires a factor, in its grace period: enrol now, or skip for this sign-in. */
    GRACE;


}
