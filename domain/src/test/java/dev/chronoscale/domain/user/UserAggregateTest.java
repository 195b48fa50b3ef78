package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import dev.chronoscale.domain.user.UserCommands.CreateUser;
import dev.chronoscale.domain.user.UserCommands.DeleteUser;
import dev.chronoscale.domain.user.UserCommands.RenameUser;
import dev.chronoscale.domain.user.UserCommands.SetUserGroups;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

class UserAggregateTest {

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();
    /** Live nodes per user id; users not in the map own none. */
    private final Map<Long, Long> nodesByUser = new HashMap<>();
    private AggregateTestFixture<UserAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private AggregateTestFixture<UserAggregate> newFixture() {
        AggregateTestFixture<UserAggregate> f = new AggregateTestFixture<>(UserAggregate.class);
        f.registerInjectableResource(claims);
        f.registerInjectableResource((NodeOwnership) userId -> nodesByUser.getOrDefault(userId, 0L));
        return f;
    }

    private static CreateUser alice() {
        return new CreateUser(1, "alice", "Alice Liddell", "alice@example.com");
    }

    @Test
    void createUserRecordsTheUserAndClaimsTheName() {
        fixture.givenNoPriorActivity()
                .when(alice())
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserCreated(1, "alice", "Alice Liddell", "alice@example.com"));
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
    }

    @Test
    void createUserWithANameHeldByAnotherUserIsRefused() {
        claims.claim(ClaimKind.USER_NAME, "alice", "user:2");

        fixture.givenNoPriorActivity()
                .when(alice())
                .expectException(ValueTakenException.class)
                .expectException(domainException(Kind.CONFLICT, "'alice'"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).contains("user:2");
    }

    @Test
    void createUserRecordsThePictureUrl() {
        fixture.givenNoPriorActivity()
                .when(new CreateUser(1, "alice", "Alice Liddell", "alice@example.com", "https://pics.example.com/alice.png"))
                .expectEvents(new UserCreated(1, "alice", "Alice Liddell", "alice@example.com", null, null,
                        "https://pics.example.com/alice.png"));
    }

    @Test
    void aBlankPictureUrlIsNone() {
        fixture.givenNoPriorActivity()
                .when(new CreateUser(1, "alice", "Alice Liddell", "alice@example.com", " "))
                .expectEvents(new UserCreated(1, "alice", "Alice Liddell", "alice@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pics.example.com/alice.png", "ftp://pics.example.com/a.png", "javascript:alert(1)",
            "https:///no-host.png", "https://pics.example.com/a b.png"})
    void createUserWithAPictureUrlClientsCannotFetchIsRefusedAndClaimsNothing(String url) {
        fixture.givenNoPriorActivity()
                .when(new CreateUser(1, "alice", "Alice", null, url))
                .expectException(domainException(Kind.INVALID, "picture URL"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.USER_NAME)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-alice", ".alice", "al ice", "alice/bob", "alice:1", "ali\u00a0ce"})
    void createUserWithAnInvalidNameIsRefused(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreateUser(1, name, "x", "x@example.com"))
                .expectException(domainException(Kind.INVALID, "user name"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.USER_NAME)).isEmpty();
    }

    @Test
    void renameRecordsOldAndNewNameAndMovesTheClaim() {
        fixture.givenCommands(alice())
                .when(new RenameUser(1, "alicia"))
                .expectEvents(new UserRenamed(1, "alice", "alicia"));
        assertThat(claims.owner(ClaimKind.USER_NAME, "alicia")).contains("user:1");
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).isEmpty();
    }

    @Test
    void renameAfterAnEarlierRenameReportsTheCurrentNameAsOldName() {
        fixture.givenCommands(alice(), new RenameUser(1, "alicia"))
                .when(new RenameUser(1, "ally"))
                .expectEvents(new UserRenamed(1, "alicia", "ally"));
        assertThat(claims.claimed(ClaimKind.USER_NAME)).containsExactly("ally");
    }

    @Test
    void renameToTheSameNameRecordsNothing() {
        fixture.givenCommands(alice())
                .when(new RenameUser(1, "alice"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
    }

    @Test
    void renameToANameHeldByAnotherUserIsRefusedAndKeepsTheOldName() {
        claims.claim(ClaimKind.USER_NAME, "bob", "user:2");

        fixture.givenCommands(alice())
                .when(new RenameUser(1, "bob"))
                .expectException(ValueTakenException.class)
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.USER_NAME, "bob")).contains("user:2");
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
    }

    @Test
    void renameToAnInvalidNameIsRefused() {
        fixture.givenCommands(alice())
                .when(new RenameUser(1, "bad name"))
                .expectException(domainException(Kind.INVALID, "'bad name'"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
    }

    @Test
    void deleteIsRefusedWhileTheUserOwnsNodes() {
        nodesByUser.put(1L, 2L);

        fixture.givenCommands(alice())
                .when(new DeleteUser(1, false))
                .expectException(domainException(Kind.CONFLICT, "still owns 2 node(s)"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
    }

    @Test
    void deleteAsksAboutTheNodesOfThisUserOnly() {
        nodesByUser.put(2L, 5L); // someone else's nodes must not block alice

        fixture.givenCommands(alice())
                .when(new DeleteUser(1, false))
                .expectEvents(new UserDeleted(1, "alice", false))
                .expectMarkedDeleted();
    }

    @Test
    void forcedDeleteOfAUserWithNodesIsRecordedAsForced() {
        nodesByUser.put(1L, 3L);

        fixture.givenCommands(alice())
                .when(new DeleteUser(1, true))
                .expectEvents(new UserDeleted(1, "alice", true))
                .expectMarkedDeleted();
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).isEmpty();
    }

    @Test
    void deleteWithoutNodesReleasesTheNameForANewUser() {
        fixture.givenCommands(alice())
                .when(new DeleteUser(1, false))
                .expectEvents(new UserDeleted(1, "alice", false))
                .expectMarkedDeleted();
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).isEmpty();

        newFixture().givenNoPriorActivity()
                .when(new CreateUser(2, "alice", "Another Alice", "alice2@example.com"))
                .expectEvents(new UserCreated(2, "alice", "Another Alice", "alice2@example.com"));
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice")).isEqualTo(Optional.of("user:2"));
    }

    @Test
    void deletedUserCannotBeRenamed() {
        fixture.given(new UserCreated(1, "alice", "Alice", "alice@example.com"), new UserDeleted(1, "alice", false))
                .when(new RenameUser(1, "alicia"))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.USER_NAME)).isEmpty();
    }

    @Test
    void deletedUserCannotBeDeletedAgain() {
        fixture.given(new UserCreated(1, "alice", "Alice", "alice@example.com"), new UserDeleted(1, "alice", false))
                .when(new DeleteUser(1, true))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    private static final String ALICE_AT_IDP = "https://sso.example.com/realms/corp/6f1c";

    @Test
    void aUserFromTheProviderClaimsItsIdentifierBesideItsName() {
        fixture.givenNoPriorActivity()
                .when(new UserCommands.CreateProviderUser(1, "alice", "Alice", "alice@example.com", ALICE_AT_IDP, null))
                .expectEvents(new UserCreated(1, "alice", "Alice", "alice@example.com", ALICE_AT_IDP, null, null));
        assertThat(claims.owner(ClaimKind.USER_PROVIDER_IDENTIFIER, ALICE_AT_IDP)).contains("user:1");
    }

    @Test
    void aSecondUserWithTheSameProviderIdentifierIsRefusedAndTakesNoName() {
        claims.claim(ClaimKind.USER_PROVIDER_IDENTIFIER, ALICE_AT_IDP, "user:1");
        fixture.givenNoPriorActivity()
                .when(new UserCommands.CreateProviderUser(2, "alice2", null, null, ALICE_AT_IDP, null))
                .expectException(ValueTakenException.class);
        assertThat(claims.owner(ClaimKind.USER_NAME, "alice2")).isEmpty();
    }

    @Test
    void aChangedProfileIsRecordedOnlyWhenSomethingDiffers() {
        UserCreated created = new UserCreated(1, "alice", "Alice", "alice@example.com", ALICE_AT_IDP, null, null);
        fixture.given(created)
                .when(new UserCommands.ChangeUserProfile(1, "Alice", "alice@example.com", null))
                .expectNoEvents();
        fixture.given(created)
                .when(new UserCommands.ChangeUserProfile(1, "Alice L.", "alice@new.example.com", "https://pics.example.com/a.png"))
                .expectEvents(new UserEvents.UserProfileChanged(1, "Alice L.", "alice@new.example.com",
                        "https://pics.example.com/a.png"));
    }

    @Test
    void deletingAProviderUserFreesItsIdentifier() {
        claims.claim(ClaimKind.USER_NAME, "alice", "user:1");
        claims.claim(ClaimKind.USER_PROVIDER_IDENTIFIER, ALICE_AT_IDP, "user:1");
        fixture.given(new UserCreated(1, "alice", "Alice", "alice@example.com", ALICE_AT_IDP, null, null))
                .when(new DeleteUser(1, false))
                .expectEvents(new UserDeleted(1, "alice", false));
        assertThat(claims.owner(ClaimKind.USER_PROVIDER_IDENTIFIER, ALICE_AT_IDP)).isEmpty();
    }

    @Test
    void theFirstGroupSetRecordsEveryGroupAsAddedSortedAndWithoutDuplicates() {
        fixture.givenCommands(alice())
                .when(new SetUserGroups(1, List.of("/ops", "/chronoscale-admins", "/ops"), GroupSource.KEYCLOAK))
                .expectEvents(new UserGroupsChanged(1, "alice", List.of("/chronoscale-admins", "/ops"), List.of("/chronoscale-admins", "/ops"), List.of(),
                        "keycloak"));
    }

    @Test
    void aChangedGroupSetRecordsOnlyTheDifference() {
        fixture.givenCommands(alice(), new SetUserGroups(1, List.of("/ops", "/auditors"), GroupSource.KEYCLOAK))
                .when(new SetUserGroups(1, List.of("/ops", "/contractors"), GroupSource.OIDC_CLAIM))
                .expectEvents(new UserGroupsChanged(1, "alice", List.of("/contractors", "/ops"), List.of("/contractors"), List.of("/auditors"),
                        "oidc-claim"));
    }

    @Test
    void theSameGroupSetAgainRecordsNothing() {
        fixture.givenCommands(alice(), new SetUserGroups(1, List.of("/ops"), GroupSource.KEYCLOAK))
                .when(new SetUserGroups(1, List.of("/ops"), GroupSource.OIDC_CLAIM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEmptySetRemovesEveryGroupAndThenRecordsNothingMore() {
        fixture.givenCommands(alice(), new SetUserGroups(1, List.of("/ops"), GroupSource.KEYCLOAK))
                .when(new SetUserGroups(1, List.of(), GroupSource.KEYCLOAK))
                .expectEvents(new UserGroupsChanged(1, "alice", List.of(), List.of(), List.of("/ops"), "keycloak"));
        fixture.givenCommands(alice(), new SetUserGroups(1, List.of(), GroupSource.KEYCLOAK))
                .when(new SetUserGroups(1, List.of(), GroupSource.KEYCLOAK))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "/ops\nevil"})
    void aBlankOrControlCharacterGroupNameIsRefused(String name) {
        fixture.givenCommands(alice())
                .when(new SetUserGroups(1, List.of("/ops", name), GroupSource.KEYCLOAK))
                .expectException(domainException(Kind.INVALID, "group names must not"))
                .expectNoEvents();
    }

    @Test
    void groupsOfADeletedUserAreRefused() {
        fixture.givenCommands(alice(), new DeleteUser(1, false))
                .when(new SetUserGroups(1, List.of("/ops"), GroupSource.KEYCLOAK))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
