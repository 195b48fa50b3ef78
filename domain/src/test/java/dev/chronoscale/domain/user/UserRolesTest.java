package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.user.UserCommands.SetUserRoles;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserRolesTest {

    private static final UserCreated ALICE = new UserCreated(1, "alice", null, null);
    private AggregateTestFixture<UserAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAggregate.class);
        fixture.registerInjectableResource(new InMemoryUniquenessRegistry());
        fixture.registerInjectableResource((NodeOwnership) userId -> 0L);
    }

    @Test
    void settingRolesRecordsWhatWasAddedAndRemovedBySource() {
        fixture.given(ALICE, new UserRolesChanged(1, List.of("auditor", "member"), List.of(), "cli"))
                .when(new SetUserRoles(1, Set.of(UserRole.NETWORK_ADMIN, UserRole.AUDITOR), RoleSource.API))
                .expectEvents(new UserRolesChanged(1, List.of("network-admin"), List.of("member"), "api"));
    }

    @Test
    void settingTheRolesASourceAlreadyGivesRecordsNothing() {
        fixture.given(ALICE, new UserRolesChanged(1, List.of("admin"), List.of(), "idp"))
                .when(new SetUserRoles(1, Set.of(UserRole.ADMIN), RoleSource.IDP))
                .expectNoEvents();
    }

    @Test
    void theProvidersRolesAndTheOperatorsAreSeparate() {
        // The operator gave auditor; a login without any mapped group removes only what the provider gave.
        fixture.given(ALICE, new UserRolesChanged(1, List.of("auditor"), List.of(), "cli"),
                        new UserRolesChanged(1, List.of("admin"), List.of(), "idp"))
                .when(new SetUserRoles(1, Set.of(), RoleSource.IDP))
                .expectEvents(new UserRolesChanged(1, List.of(), List.of("admin"), "idp"));
        fixture.given(ALICE, new UserRolesChanged(1, List.of("admin"), List.of(), "idp"))
                .when(new SetUserRoles(1, Set.of(UserRole.ADMIN), RoleSource.CLI))
                .expectEvents(new UserRolesChanged(1, List.of("admin"), List.of(), "cli"));
    }

    @Test
    void anUnknownRoleNameIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> UserRole.parseAll(List.of("auditor", "owner")))
                .satisfies(e -> assertThat(domainException(Kind.INVALID, "admin, network-admin, auditor, member").matches(e)).isTrue());
        assertThat(UserRole.parseAll(List.of(" network-admin", "auditor"))).containsExactlyInAnyOrder(UserRole.NETWORK_ADMIN, UserRole.AUDITOR);
    }
}
