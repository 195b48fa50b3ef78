package dev.chronoscale.admin.principal;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class PrincipalTest {

    private static final Optional<String> REMOTE = Optional.of("192.0.2.7");

    private static Principal key(UserRole... roles) {
        return new Principal(new Identity.ApiKey("abc123"), REMOTE, Optional.empty(), Set.of(roles));
    }

    @Test
    void anonymousHasNoRoleAndIsRefusedWithTheApis401() {
        Principal anonymous = Principal.anonymous(REMOTE);

        assertThat(anonymous.roles()).isEmpty();
        assertThat(anonymous.may(Permission.READ)).isFalse();
        assertThat(anonymous.may(Permission.PUBLIC)).isTrue();
        Throwable refused = catchThrowable(() -> anonymous.require(Permission.READ));
        assertThat(refused).isInstanceOf(ErrorReplies.UnauthorizedException.class);
        HttpReply.Whole reply = (HttpReply.Whole) ErrorReplies.of(refused);
        assertThat(reply.status().code()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo(((HttpReply.Whole) ErrorReplies.unauthorized()).body());
    }

    @Test
    void aLoggedInIdentityWithoutThePermissionIsForbiddenAndToldWhichRolesHaveIt() {
        assertThatThrownBy(() -> key(UserRole.AUDITOR).require(Permission.NETWORK_WRITE)).isInstanceOfSatisfying(
                DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("network_write").contains("admin, network-admin").contains("has auditor");
                });
        assertThatThrownBy(() -> key().require(Permission.READ)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).contains("has no role"));
    }

    /** The table of docs/identity.md, row by row. */
    @Test
    void eachRoleHasThePermissionsOfTheTable() {
        assertThat(allowed(UserRole.ADMIN)).containsExactlyInAnyOrder(Permission.values());
        assertThat(allowed(UserRole.NETWORK_ADMIN)).containsExactlyInAnyOrder(
                Permission.PUBLIC, Permission.READ, Permission.REPORT, Permission.NETWORK_WRITE);
        assertThat(allowed(UserRole.AUDITOR)).containsExactlyInAnyOrder(Permission.PUBLIC, Permission.READ, Permission.REPORT);
        assertThat(allowed(UserRole.MEMBER)).containsExactly(Permission.PUBLIC);
        // Holding several roles gives what any of them gives.
        assertThat(Arrays.stream(Permission.values()).filter(key(UserRole.AUDITOR, UserRole.NETWORK_ADMIN)::may))
                .contains(Permission.NETWORK_WRITE).doesNotContain(Permission.ADMIN_WRITE);
    }

    private static Set<Permission> allowed(UserRole role) {
        Set<Permission> allowed = EnumSet.noneOf(Permission.class);
        Arrays.stream(Permission.values()).filter(key(role)::may).forEach(allowed::add);
        return allowed;
    }

    @Test
    void anAnonymousCallerCannotHoldARole() {
        assertThatThrownBy(() -> new Principal(new Identity.Anonymous(), REMOTE, Optional.empty(), Set.of(UserRole.ADMIN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuditContextCarriesWhoFromWhereAndWhy() {
        Optional<String> why = Optional.of("ticket 9");
        assertThat(new Principal(new Identity.ApiKey("abc123"), REMOTE, why, Set.of(UserRole.ADMIN)).auditContext())
                .isEqualTo(new AuditContext(ActorType.API_KEY, "abc123", REMOTE, why));
        assertThat(new Principal(new Identity.LocalCliUser("alice"), Optional.empty(), why, Set.of(UserRole.ADMIN)).auditContext())
                .isEqualTo(new AuditContext(ActorType.LOCAL_CLI, "alice", Optional.empty(), why));
        assertThat(Principal.anonymous(REMOTE).auditContext())
                .isEqualTo(new AuditContext(ActorType.SYSTEM, "anonymous", REMOTE, Optional.empty()));
    }
}
