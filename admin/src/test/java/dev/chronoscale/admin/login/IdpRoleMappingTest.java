package dev.chronoscale.admin.login;

import dev.chronoscale.domain.user.UserRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdpRoleMappingTest {

    private final IdpRoleMapping mapping = new IdpRoleMapping("groups", Map.of(
            UserRole.ADMIN, Set.of("/chronoscale-admins"),
            UserRole.AUDITOR, Set.of("/auditors", "/compliance")));

    @Test
    void aGroupGivesTheRolesItIsMappedToAndOthersNothing() {
        assertThat(mapping.rolesFromGroups(List.of("/ops", "/chronoscale-admins", "/compliance")))
                .containsExactlyInAnyOrder(UserRole.ADMIN, UserRole.AUDITOR);
        assertThat(mapping.rolesFromGroups(List.of("/ops", "/ops/oncall", "chronoscale-admins"))).isEmpty();
    }

    @Test
    void theConfiguredClaimIsRead() {
        assertThat(mapping.rolesFromClaims(Map.of("groups", List.of("/auditors"), "roles", List.of("/chronoscale-admins"))))
                .containsExactly(UserRole.AUDITOR);
        IdpRoleMapping byRolesClaim = new IdpRoleMapping("roles", Map.of(UserRole.NETWORK_ADMIN, Set.of("netops")));
        assertThat(byRolesClaim.rolesFromClaims(Map.of("roles", "netops"))).containsExactly(UserRole.NETWORK_ADMIN);
        assertThat(byRolesClaim.rolesFromClaims(Map.of("groups", List.of("netops")))).isEmpty();
    }
}
