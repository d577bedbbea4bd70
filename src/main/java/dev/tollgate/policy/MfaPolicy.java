package dev.tollgate.policy;

import dev.tollgate.StableCode;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who must give a second factor: everyone who enrolled one ({@link Mode#OPTIONAL}), everyone
 * ({@link Mode#REQUIRED}), or the members of some roles ({@link Mode#ROLES}).
 *
 * <pre>{@code
 * MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.ROLES, Set.of("admin"));
 * boolean enrolFirst = !hasConfirmedFactor && policy.mustEnrol(request::isUserInRole);
 * }</pre>
 *
 * @param mode          the policy
 * @param requiredRoles for {@link Mode#ROLES}: the roles whose members must use a second factor
 */
public record MfaPolicy(Mode mode, Set<String> requiredRoles) {

    /** The three policies. */
    public enum Mode implements StableCode {
        /** Users may enrol a factor; those who did must use it. */
        OPTIONAL,
        /** Every user must have and use a factor; users without one are sent to enrolment after the password. */
        REQUIRED,
        /** Like REQUIRED for members of the listed roles, like OPTIONAL for everyone else. */
        ROLES
    }

    /** Checks the combination. */
    public MfaPolicy {
        Objects.requireNonNull(mode, "mode");
        requiredRoles = Set.copyOf(requiredRoles);
        if (mode == Mode.ROLES && requiredRoles.isEmpty()) {
            throw new IllegalArgumentException("policy 'roles' needs at least one role");
        }
    }

    /**
     * Decides whether a user without a factor must enrol one before reaching the application.
     *
     * @param isInRole tells whether the user is in a role
     * @return true under {@link Mode#REQUIRED}, and under {@link Mode#ROLES} for members of a listed role
     */
    public boolean mustEnrol(Predicate<String> isInRole) {
        return switch (mode) {
            case OPTIONAL -> false;
            case REQUIRED -> true;
            case ROLES -> requiredRoles.stream().anyMatch(isInRole);
        };
    }
}
