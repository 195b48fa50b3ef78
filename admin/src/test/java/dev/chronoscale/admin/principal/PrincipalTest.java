package dev.chronoscale.admin.principal;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class PrincipalTest {

    private static final Optional<String> REMOTE = Optional.of("192.0.2.7");

    @Test
    void anonymousHasNoRoleAndIsRefusedWithTheApis401() {
        Principal anonymous = Principal.of(new Identity.Anonymous(), REMOTE, Optional.of("why not"));

        assertThat(anonymous.roles()).isEmpty();
        assertThat(anonymous.may(Role.ADMIN)).isFalse();
        Throwable refused = catchThrowable(() -> anonymous.require(Role.ADMIN));
        assertThat(refused).isInstanceOf(ErrorReplies.UnauthorizedException.class);
        HttpReply.Whole reply = (HttpReply.Whole) ErrorReplies.of(refused);
        assertThat(reply.status().code()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo(((HttpReply.Whole) ErrorReplies.unauthorized()).body());
    }

    @Test
    void aLoggedInIdentityWithoutTheRoleIsForbidden() {
        Principal withoutRoles = new Principal(new Identity.ApiKey("abc123"), REMOTE, Optional.empty(), Set.of());

        assertThatThrownBy(() -> withoutRoles.require(Role.ADMIN)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
    }

    @Test
    void everyLoggedInIdentityIsAdminForNow() {
        assertThat(Principal.of(new Identity.ApiKey("abc123"), REMOTE, Optional.empty()).roles()).containsExactly(Role.ADMIN);
        assertThat(Principal.of(new Identity.LocalCliUser("alice"), Optional.empty(), Optional.empty()).roles())
                .containsExactly(Role.ADMIN);
    }

    @Test
    void theAuditContextCarriesWhoFromWhereAndWhy() {
        assertThat(Principal.of(new Identity.ApiKey("abc123"), REMOTE, Optional.of("ticket 9")).auditContext())
                .isEqualTo(new AuditContext(ActorType.API_KEY, "abc123", REMOTE, Optional.of("ticket 9")));
        assertThat(Principal.of(new Identity.LocalCliUser("alice"), Optional.empty(), Optional.of("ticket 9")).auditContext())
                .isEqualTo(new AuditContext(ActorType.LOCAL_CLI, "alice", Optional.empty(), Optional.of("ticket 9")));
        assertThat(Principal.of(new Identity.Anonymous(), REMOTE, Optional.of("ticket 9")).auditContext())
                .isEqualTo(new AuditContext(ActorType.SYSTEM, "anonymous", REMOTE, Optional.empty()));
    }
}
