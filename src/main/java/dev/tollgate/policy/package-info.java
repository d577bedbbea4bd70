/**
 * Who must use which factor where: the policy (optional, required, by role) and the assurance levels (aal1 after
 * the password, aal2 after a second factor).
 */
package dev.tollgate.policy;
