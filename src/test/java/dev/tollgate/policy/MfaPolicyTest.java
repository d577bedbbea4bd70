package dev.tollgate.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MfaPolicyTest {

    @Test
    void optionalMakesNobodyEnrol() {
        MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.OPTIONAL, Set.of());
        assertFalse(policy.mustEnrol(role -> true));
        assertFalse(policy.mustEnrol(role -> false));
    }

    @Test
    void requiredMakesEveryoneEnrol() {
        MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.REQUIRED, Set.of());
        assertTrue(policy.mustEnrol(role -> false));
    }

    @Test
    void rolesMakesOnlyMembersOfTheListedRolesEnrol() {
        MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.ROLES, Set.of("admin"));
        assertTrue(policy.mustEnrol("admin"::equals));
        assertFalse(policy.mustEnrol("staff"::equals));
    }

    @Test
    void rolesNeedsARole() {
        assertThrows(IllegalArgumentException.class, () -> new MfaPolicy(MfaPolicy.Mode.ROLES, Set.of()));
    }

    @Test
    void aal2SatisfiesBothLevels() {
        assertTrue(AssuranceLevel.AAL2.satisfies(AssuranceLevel.AAL1));
        assertFalse(AssuranceLevel.AAL1.satisfies(AssuranceLevel.AAL2));
    }
}
