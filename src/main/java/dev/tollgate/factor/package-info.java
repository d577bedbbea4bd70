/**
 * The second factors themselves: enrolment, confirmation and verification of authenticator apps (TOTP), built on the
 * OTP core, the key ring and the store.
 */
package dev.tollgate.factor;
