/**
 * The administrator's operations: list a user's factors and reset a user who lost them. Application code injects
 * {@link dev.tollgate.admin.TollgateAdministration}; the optional JSON endpoint {@code <basePath>/api/admin} (setting
 * {@code tollgate.admin.role}) uses the same {@link dev.tollgate.admin.AccountAdministration}.
 */
package dev.tollgate.admin;
