package dev.tollgate.admin;

/**
 * What an administrator's reset removed.
 *
 * @param username             the user
 * @param factorsRemoved       factors removed, pending enrolments included
 * @param recoveryCodesRemoved recovery codes removed, used ones included
 */
public record ResetResult(String username, int factorsRemoved, int recoveryCodesRemoved) {
}
