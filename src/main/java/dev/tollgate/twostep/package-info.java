/**
 * The use cases of two-step sign-in, each decided once, with no Servlet or Jakarta Security type: what follows the
 * password ({@link dev.tollgate.twostep.SignIn}), the second factor ({@link dev.tollgate.twostep.Verification}),
 * adding one ({@link dev.tollgate.twostep.Enrolment}), managing them
 * ({@link dev.tollgate.twostep.FactorManagement}), the enrolment choices
 * ({@link dev.tollgate.twostep.EnrolmentDecisions}) and the administrator's endpoint
 * ({@link dev.tollgate.twostep.UserAdministration}).
 *
 * <p>Each takes the caller's session state as a value ({@link dev.tollgate.twostep.Caller}) and returns an
 * {@link dev.tollgate.twostep.Outcome}: done with a value, or refused with a {@link dev.tollgate.twostep.Refusal};
 * either way with the {@link dev.tollgate.twostep.SessionChange} the adapter carries out. Permissions are decided on
 * the stored state at the time of the call.
 */
package dev.tollgate.twostep;
