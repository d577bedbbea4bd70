package dev.tollgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MfaPolicyTest {

    @Test
    void optionalAsksOnlyThoseWhoEnrolled() {
        MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.OPTIONAL, Set.of());
        assertTrue(policy.requiresSecondFactor(true, role -> false));
        assertFalse(policy.requiresSecondFactor(false, role -> true));
    }

    @Test
    void requiredAsksEveryone() {
        MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.REQUIRED, Set.of());
        assertTrue(policy.requiresSecondFactor(false, role -> false));
        assertTrue(policy.mustEnrol(role -> false));
    }

    @Test
    void rolesAsksMembersOfTheListedRolesAndThoseWhoEnrolled() {
        MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.ROLES, Set.of("admin"));
        assertTrue(policy.requiresSecondFactor(false, "admin"::equals));
        assertFalse(policy.requiresSecondFactor(false, "staff"::equals));
        assertTrue(policy.requiresSecondFactor(true, "staff"::equals));
    }

    @Test
    void rolesNeedsARole() {
        assertThrows(IllegalArgumentException.class, () -> new MfaPolicy(MfaPolicy.Mode.ROLES, Set.of()));
        assertEquals(MfaPolicy.Mode.REQUIRED, MfaPolicy.Mode.parse(" Required "));
    }

    @Test
    void aal2SatisfiesBothLevels() {
        assertTrue(AssuranceLevel.AAL2.satisfies(AssuranceLevel.AAL1));
        assertFalse(AssuranceLevel.AAL1.satisfies(AssuranceLevel.AAL2));
    }
}
