package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.domain.address.AllocationStrategy;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.node.NodeCommands.AdvertiseRoutes;
import dev.chronoscale.domain.node.NodeCommands.ApproveRoutes;
import dev.chronoscale.domain.node.NodeCommands.BackfillAddresses;
import dev.chronoscale.domain.node.NodeCommands.DecideSshCheck;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.domain.node.NodeCommands.ExpireNode;
import dev.chronoscale.domain.node.NodeCommands.MoveNode;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.NodeCommands.RecordSession;
import dev.chronoscale.domain.node.NodeCommands.RenameNode;
import dev.chronoscale.domain.node.NodeCommands.ReportClient;
import dev.chronoscale.domain.node.NodeCommands.ReportReachability;
import dev.chronoscale.domain.node.NodeCommands.RotateNodeKey;
import dev.chronoscale.domain.node.NodeCommands.TagNode;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeMoved;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.NodeEvents.SshCheckApproved;
import dev.chronoscale.domain.node.NodeEvents.SshCheckRejected;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

class NodeAggregateTest {

    private static final String MKEY1 = "mkey:" + "1a".repeat(32);
    private static final String NKEY1 = "nodekey:" + "2b".repeat(32);
    private static final String MKEY2 = "mkey:" + "3c".repeat(32);
    private static final String NKEY2 = "nodekey:" + "4d".repeat(32);
    private static final String NKEY3 = "nodekey:" + "5e".repeat(32);
    private static final Instant EXPIRY = Instant.parse("2027-05-21T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String HOSTNAME = "Alice's MacBook Pro";
    private static final String NAME = "alices-macbook-pro";

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();
    /** 100.64.0.0/10 and fd7a:115c:a1e0::/48, sequential: the first node gets the first host address of each. */
    private final AddressAllocator allocator = AddressAllocator.defaults();
    private AggregateTestFixture<NodeAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private AggregateTestFixture<NodeAggregate> newFixture() {
        AggregateTestFixture<NodeAggregate> f = new AggregateTestFixture<>(NodeAggregate.class);
        f.registerInjectableResource(claims);
        f.registerInjectableResource(allocator);
        return f;
    }

    private static RegisterNode register(long nodeId, String machineKey, String nodeKey, String hostname) {
        return new RegisterNode(nodeId, machineKey, nodeKey, 7L, List.of(), hostname, EXPIRY, false, 3L,
                RegisterMethod.AUTH_KEY);
    }

    private static RegisterNode registerAlice() {
        return register(1, MKEY1, NKEY1, HOSTNAME);
    }

    private static NodeRegistered aliceRegistered() {
        return new NodeRegistered(1, MKEY1, NKEY1, 7L, List.of(), HOSTNAME, NAME, "100.64.0.1",
                "fd7a:115c:a1e0::1", EXPIRY, false, 3L, RegisterMethod.AUTH_KEY);
    }

    private static NodeRegistered taggedServerRegistered() {
        return new NodeRegistered(1, MKEY1, NKEY1, null, List.of("tag:server"), "db", "db", "100.64.0.1",
                "fd7a:115c:a1e0::1", null, false, null, RegisterMethod.CLI);
    }

    // --- registration -------------------------------------------------------------------------

    @Test
    void registerAllocatesAddressesAndADnsSafeNameAndClaimsEverything() {
        fixture.givenNoPriorActivity()
                .when(registerAlice())
                .expectSuccessfulHandlerExecution()
                .expectEvents(aliceRegistered());
        assertThat(claims.owner(ClaimKind.NODE_MACHINE_KEY, MKEY1)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY1)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME)).contains("node:1");
        assertThat(claims.owner(ClaimKind.IPV4, "100.64.0.1")).contains("node:1");
        assertThat(claims.owner(ClaimKind.IPV6, "fd7a:115c:a1e0::1")).contains("node:1");
    }

    @Test
    void registerUsesOnlyTheFamiliesTheAllocatorIsConfiguredFor() {
        AggregateTestFixture<NodeAggregate> v4only = new AggregateTestFixture<>(NodeAggregate.class);
        v4only.registerInjectableResource(claims);
        v4only.registerInjectableResource(new AddressAllocator(Optional.of(IpPrefix.parse("10.20.0.0/16")),
                Optional.empty(), AllocationStrategy.SEQUENTIAL));

        v4only.givenNoPriorActivity()
                .when(registerAlice())
                .expectEvents(new NodeRegistered(1, MKEY1, NKEY1, 7L, List.of(), HOSTNAME, NAME, "10.20.0.1",
                        null, EXPIRY, false, 3L, RegisterMethod.AUTH_KEY));
        assertThat(claims.claimed(ClaimKind.IPV6)).isEmpty();
    }

    @Test
    void secondNodeGetsTheNextAddressesAndASuffixedNameOnCollision() {
        fixture.givenNoPriorActivity().when(registerAlice()).expectSuccessfulHandlerExecution();

        newFixture().givenNoPriorActivity()
                .when(register(2, MKEY2, NKEY2, "alices-macbook-pro"))
                .expectEvents(new NodeRegistered(2, MKEY2, NKEY2, 7L, List.of(), "alices-macbook-pro",
                        NAME + "-1", "100.64.0.2", "fd7a:115c:a1e0::2", EXPIRY, false, 3L, RegisterMethod.AUTH_KEY));
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME + "-1")).contains("node:2");
    }

    @Test
    void nameCollisionWithASuffixedNameMovesOnToTheNextSuffix() {
        claims.claim(ClaimKind.NODE_NAME, NAME, "node:8");
        claims.claim(ClaimKind.NODE_NAME, NAME + "-1", "node:9");

        fixture.givenNoPriorActivity()
                .when(registerAlice())
                .expectEvents(new NodeRegistered(1, MKEY1, NKEY1, 7L, List.of(), HOSTNAME, NAME + "-2", "100.64.0.1",
                        "fd7a:115c:a1e0::1", EXPIRY, false, 3L, RegisterMethod.AUTH_KEY));
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME + "-2")).contains("node:1");
    }

    @Test
    void registerWithAMachineKeyHeldByAnotherNodeIsRefused() {
        fixture.givenNoPriorActivity().when(registerAlice()).expectSuccessfulHandlerExecution();

        newFixture().givenNoPriorActivity()
                .when(register(2, MKEY1, NKEY2, "other"))
                .expectException(ValueTakenException.class)
                .expectException(domainException(Kind.CONFLICT, "machine key"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_MACHINE_KEY, MKEY1)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_NAME, "other")).isEmpty();
        assertThat(claims.claimed(ClaimKind.IPV4)).containsExactly("100.64.0.1");
    }

    @Test
    void registerWithANodeKeyHeldByAnotherNodeIsRefused() {
        claims.claim(ClaimKind.NODE_KEY, NKEY1, "node:9");

        fixture.givenNoPriorActivity()
                .when(registerAlice())
                .expectException(domainException(Kind.CONFLICT, "node key"))
                .expectNoEvents();
    }

    @Test
    void nodeOwnedOnlyByTagsIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY1, NKEY1, null, List.of("tag:server"), "db", null, false, null,
                        RegisterMethod.CLI))
                .expectEvents(taggedServerRegistered());
    }

    @Test
    void registerNormalisesTags() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY1, NKEY1, null, List.of("tag:web", "tag:server", "tag:web"), "db", null,
                        false, null, RegisterMethod.CLI))
                .expectEvents(new NodeRegistered(1, MKEY1, NKEY1, null, List.of("tag:server", "tag:web"), "db", "db",
                        "100.64.0.1", "fd7a:115c:a1e0::1", null, false, null, RegisterMethod.CLI));
    }

    @Test
    void nodeWithNeitherUserNorTagsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY1, NKEY1, null, List.of(), "db", null, false, null, RegisterMethod.CLI))
                .expectException(domainException(Kind.INVALID, "user or carry at least one tag"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.NODE_MACHINE_KEY)).isEmpty();
        assertThat(claims.claimed(ClaimKind.IPV4)).isEmpty();
    }

    @Test
    void nodeWithNullTagsAndNoUserIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY1, NKEY1, null, null, "db", null, false, null, RegisterMethod.CLI))
                .expectException(domainException(Kind.INVALID, "user or carry at least one tag"))
                .expectNoEvents();
    }

    @Test
    void registerWithAnInvalidTagIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY1, NKEY1, 7L, List.of("server"), "db", null, false, null, RegisterMethod.CLI))
                .expectException(domainException(Kind.INVALID, "tag 'server'"))
                .expectNoEvents();
    }

    @Test
    void registerWithoutRegisterMethodIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY1, NKEY1, 7L, List.of(), "db", null, false, null, null))
                .expectException(domainException(Kind.INVALID, "how the node was admitted"))
                .expectNoEvents();
    }

    static List<String> badMachineKeys() {
        return List.of("", "1a".repeat(32), "nodekey:" + "1a".repeat(32), "mkey:" + "1A".repeat(32),
                "mkey:" + "1a".repeat(31), "mkey:" + "0".repeat(64), " " + MKEY1);
    }

    static List<String> badNodeKeys() {
        return List.of("", "nodekey:" + "2b".repeat(31) + "2", "mkey:" + "2b".repeat(32), "nodekey:" + "0".repeat(64),
                "nodekey:" + "2B".repeat(32), NKEY1 + "00");
    }

    @ParameterizedTest
    @MethodSource("badMachineKeys")
    void registerWithABadMachineKeyIsRefused(String machineKey) {
        fixture.givenNoPriorActivity()
                .when(register(1, machineKey, NKEY1, HOSTNAME))
                .expectException(domainException(Kind.INVALID, "machine key"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.NODE_KEY)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("badNodeKeys")
    void registerWithABadNodeKeyIsRefused(String nodeKey) {
        fixture.givenNoPriorActivity()
                .when(register(1, MKEY1, nodeKey, HOSTNAME))
                .expectException(domainException(Kind.INVALID, "node key"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.NODE_MACHINE_KEY)).isEmpty();
    }

    // --- rename -------------------------------------------------------------------------------

    @Test
    void renameRecordsOldAndNewNameAndMovesTheClaim() {
        fixture.givenCommands(registerAlice())
                .when(new RenameNode(1, "laptop"))
                .expectEvents(new NodeRenamed(1, NAME, "laptop"));
        assertThat(claims.owner(ClaimKind.NODE_NAME, "laptop")).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Laptop", "lap_top", "lap.top", "-laptop", "laptop-"})
    void renameToAnInvalidNameIsRefused(String newName) {
        fixture.givenCommands(registerAlice())
                .when(new RenameNode(1, newName))
                .expectException(domainException(Kind.INVALID, "node name"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME)).contains("node:1");
    }

    @Test
    void renameToANameHeldByAnotherNodeIsRefused() {
        claims.claim(ClaimKind.NODE_NAME, "laptop", "node:2");

        fixture.givenCommands(registerAlice())
                .when(new RenameNode(1, "laptop"))
                .expectException(domainException(Kind.CONFLICT, "node name 'laptop'"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_NAME, "laptop")).contains("node:2");
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME)).contains("node:1");
    }

    @Test
    void renameToTheCurrentNameRecordsNothing() {
        fixture.givenCommands(registerAlice())
                .when(new RenameNode(1, NAME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_NAME, NAME)).contains("node:1");
    }

    // --- tags ---------------------------------------------------------------------------------

    @Test
    void tagReplacesTheTagsWithTheNormalisedSet() {
        fixture.given(aliceRegistered())
                .when(new TagNode(1, List.of("tag:web", "tag:db", "tag:web")))
                .expectEvents(new NodeTagged(1, List.of(), List.of("tag:db", "tag:web")));
    }

    @Test
    void taggingWithTheSameSetInAnotherOrderRecordsNothing() {
        fixture.given(aliceRegistered(), new NodeTagged(1, List.of(), List.of("tag:db", "tag:web")))
                .when(new TagNode(1, List.of("tag:web", "tag:db")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void userOwnedNodeMayLoseAllTags() {
        fixture.given(aliceRegistered(), new NodeTagged(1, List.of(), List.of("tag:db")))
                .when(new TagNode(1, List.of()))
                .expectEvents(new NodeTagged(1, List.of("tag:db"), List.of()));
    }

    @Test
    void tagOwnedNodeMayNotLoseAllTags() {
        fixture.given(taggedServerRegistered())
                .when(new TagNode(1, List.of()))
                .expectException(domainException(Kind.INVALID, "without an owner"))
                .expectNoEvents();
    }

    @Test
    void tagOwnedNodeMayChangeItsTags() {
        fixture.given(taggedServerRegistered())
                .when(new TagNode(1, List.of("tag:db")))
                .expectEvents(new NodeTagged(1, List.of("tag:server"), List.of("tag:db")));
    }

    @Test
    void taggingWithAnInvalidTagIsRefused() {
        fixture.given(aliceRegistered())
                .when(new TagNode(1, List.of("tag:ok", "tag:not ok")))
                .expectException(domainException(Kind.INVALID, "tag:not ok"))
                .expectNoEvents();
    }

    // --- moving to another user ----------------------------------------------------------------

    @Test
    void moveRecordsTheOldAndTheNewUser() {
        fixture.given(aliceRegistered())
                .when(new MoveNode(1, 8))
                .expectEvents(new NodeMoved(1, 7, 8));
    }

    @Test
    void aSecondMoveStartsFromTheUserOfTheFirst() {
        fixture.given(aliceRegistered(), new NodeMoved(1, 7, 8))
                .when(new MoveNode(1, 9))
                .expectEvents(new NodeMoved(1, 8, 9));
    }

    @Test
    void moveToTheUserWhoOwnsTheNodeRecordsNothing() {
        fixture.given(aliceRegistered(), new NodeMoved(1, 7, 8))
                .when(new MoveNode(1, 8))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNodeOwnedByItsTagsIsNotMoved() {
        fixture.given(taggedServerRegistered())
                .when(new MoveNode(1, 8))
                .expectException(domainException(Kind.INVALID, "is tagged (tag:server)"))
                .expectNoEvents();
    }

    @Test
    void aTaggedNodeWithAUserIsNotMovedEither() {
        fixture.given(aliceRegistered(), new NodeTagged(1, List.of(), List.of("tag:db")))
                .when(new MoveNode(1, 8))
                .expectException(domainException(Kind.INVALID, "belongs to its tags"))
                .expectNoEvents();
    }

    // --- backfilling addresses ----------------------------------------------------------------

    /** Alice as a build that served IPv4 only recorded her: no IPv6 address, none claimed. */
    private NodeRegistered aliceWithoutIpv6() {
        claims.claim(ClaimKind.IPV4, "100.64.0.1", "node:1");
        return new NodeRegistered(1, MKEY1, NKEY1, 7L, List.of(), HOSTNAME, NAME, "100.64.0.1", null, EXPIRY, false, 3L,
                RegisterMethod.AUTH_KEY);
    }

    @Test
    void backfillGivesANodeTheFirstFreeAddressOfTheFamilyItLacksAndKeepsTheOther() {
        claims.claim(ClaimKind.IPV6, "fd7a:115c:a1e0::1", "node:2");
        fixture.given(aliceWithoutIpv6())
                .when(new BackfillAddresses(1))
                .expectEvents(new NodeAddressesChanged(1, "100.64.0.1", null, "100.64.0.1", "fd7a:115c:a1e0::2"));
        assertThat(claims.owner(ClaimKind.IPV6, "fd7a:115c:a1e0::2")).contains("node:1");
        assertThat(claims.owner(ClaimKind.IPV4, "100.64.0.1")).contains("node:1");
    }

    @Test
    void backfillOfANodeWithAnAddressOfEachFamilyRecordsNothing() {
        fixture.givenCommands(registerAlice())
                .when(new BackfillAddresses(1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.IPV6)).containsExactly("fd7a:115c:a1e0::1");
    }

    @Test
    void backfillAddsNoFamilyThatIsNotConfigured() {
        AggregateTestFixture<NodeAggregate> v4only = new AggregateTestFixture<>(NodeAggregate.class);
        v4only.registerInjectableResource(claims);
        v4only.registerInjectableResource(new AddressAllocator(Optional.of(IpPrefix.parse("100.64.0.0/10")),
                Optional.empty(), AllocationStrategy.SEQUENTIAL));
        v4only.given(aliceWithoutIpv6())
                .when(new BackfillAddresses(1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.IPV6)).isEmpty();
    }

    @Test
    void theDeletionOfABackfilledNodeReleasesItsNewAddress() {
        fixture.given(aliceWithoutIpv6(), new NodeAddressesChanged(1, "100.64.0.1", null, "100.64.0.1", "fd7a:115c:a1e0::1"))
                .when(new DeleteNode(1))
                .expectEvents(new NodeDeleted(1, NAME, "100.64.0.1", "fd7a:115c:a1e0::1"));
    }

    // --- expiry -------------------------------------------------------------------------------

    @Test
    void expireRecordsTheInstant() {
        fixture.given(aliceRegistered())
                .when(new ExpireNode(1, NOW))
                .expectEvents(new NodeExpired(1, NOW))
                .expectNotMarkedDeleted();
    }

    // --- deletion -----------------------------------------------------------------------------

    @Test
    void deleteReleasesNameKeysAndAddressesForALaterRegistration() {
        fixture.givenCommands(registerAlice())
                .when(new DeleteNode(1))
                .expectEvents(new NodeDeleted(1, NAME, "100.64.0.1", "fd7a:115c:a1e0::1"))
                .expectMarkedDeleted();
        for (ClaimKind kind : List.of(ClaimKind.NODE_NAME, ClaimKind.NODE_KEY, ClaimKind.NODE_MACHINE_KEY,
                ClaimKind.IPV4, ClaimKind.IPV6)) {
            assertThat(claims.claimed(kind)).as(kind.name()).isEmpty();
        }

        // The same machine comes back as a new node: everything the first one held is free again.
        newFixture().givenNoPriorActivity()
                .when(register(2, MKEY1, NKEY1, HOSTNAME))
                .expectEvents(new NodeRegistered(2, MKEY1, NKEY1, 7L, List.of(), HOSTNAME, NAME, "100.64.0.1",
                        "fd7a:115c:a1e0::1", EXPIRY, false, 3L, RegisterMethod.AUTH_KEY));
    }

    @Test
    void deleteAfterRenameReleasesTheCurrentName() {
        fixture.givenCommands(registerAlice(), new RenameNode(1, "laptop"))
                .when(new DeleteNode(1))
                .expectEvents(new NodeDeleted(1, "laptop", "100.64.0.1", "fd7a:115c:a1e0::1"));
        assertThat(claims.claimed(ClaimKind.NODE_NAME)).isEmpty();
    }

    @Test
    void deleteOfAnIpv4OnlyNodeRecordsNoIpv6Address() {
        fixture.given(new NodeRegistered(1, MKEY1, NKEY1, 7L, List.of(), HOSTNAME, NAME, "100.64.0.1",
                        null, EXPIRY, false, 3L, RegisterMethod.AUTH_KEY))
                .when(new DeleteNode(1))
                .expectEvents(new NodeDeleted(1, NAME, "100.64.0.1", null));
    }

    @Test
    void deletedNodeCannotBeRenamed() {
        fixture.given(aliceRegistered(), new NodeDeleted(1, NAME, "100.64.0.1", "fd7a:115c:a1e0::1"))
                .when(new RenameNode(1, "laptop"))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.NODE_NAME)).isEmpty();
    }

    // --- node key rotation --------------------------------------------------------------------

    @Test
    void rotateReplacesTheNodeKeyAndMovesItsClaim() {
        Instant newExpiry = EXPIRY.plusSeconds(3600);
        fixture.givenCommands(registerAlice())
                .when(new RotateNodeKey(1, NKEY1, NKEY2, newExpiry))
                .expectEvents(new NodeKeyRotated(1, NKEY1, NKEY2, newExpiry));
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY2)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY1)).isEmpty();
    }

    @Test
    void secondRotationMustNameTheKeyOfTheFirst() {
        fixture.givenCommands(registerAlice(), new RotateNodeKey(1, NKEY1, NKEY2, null))
                .when(new RotateNodeKey(1, NKEY1, NKEY3, null))
                .expectException(domainException(Kind.CONFLICT, "old node key"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY2)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY3)).isEmpty();
    }

    @Test
    void rotateWithTheWrongOldKeyIsRefused() {
        fixture.givenCommands(registerAlice())
                .when(new RotateNodeKey(1, NKEY3, NKEY2, null))
                .expectException(domainException(Kind.CONFLICT, "old node key"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY1)).contains("node:1");
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY2)).isEmpty();
    }

    @Test
    void rotateToAnInvalidKeyIsRefused() {
        fixture.givenCommands(registerAlice())
                .when(new RotateNodeKey(1, NKEY1, "nodekey:xyz", null))
                .expectException(domainException(Kind.INVALID, "node key"))
                .expectNoEvents();
    }

    @Test
    void rotateToAKeyHeldByAnotherNodeIsRefused() {
        claims.claim(ClaimKind.NODE_KEY, NKEY2, "node:2");

        fixture.givenCommands(registerAlice())
                .when(new RotateNodeKey(1, NKEY1, NKEY2, null))
                .expectException(ValueTakenException.class)
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY1)).contains("node:1");
    }

    @Test
    void rotateToTheSameKeyRecordsNothing() {
        fixture.givenCommands(registerAlice())
                .when(new RotateNodeKey(1, NKEY1, NKEY1, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.NODE_KEY, NKEY1)).contains("node:1");
    }

    // --- routes -------------------------------------------------------------------------------

    @Test
    void advertisedRoutesAreNormalisedSortedAndDeduplicated() {
        fixture.given(aliceRegistered())
                .when(new AdvertiseRoutes(1, List.of("192.168.1.77/24", "10.1.2.3/16", "10.1.0.0/16", "::/0",
                        "0.0.0.0/0", "2001:DB8:0:0::/64")))
                .expectEvents(new NodeRoutesAdvertised(1, List.of(),
                        List.of("0.0.0.0/0", "10.1.0.0/16", "192.168.1.0/24", "2001:db8::/64", "::/0")));
    }

    @Test
    void advertisingTheSameRoutesInAnotherFormRecordsNothing() {
        fixture.given(aliceRegistered(),
                        new NodeRoutesAdvertised(1, List.of(), List.of("10.1.0.0/16", "192.168.1.0/24")))
                .when(new AdvertiseRoutes(1, List.of("192.168.1.1/24", "10.1.255.255/16")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void advertisingDifferentRoutesRecordsThePreviousOnes() {
        fixture.given(aliceRegistered(), new NodeRoutesAdvertised(1, List.of(), List.of("10.1.0.0/16")))
                .when(new AdvertiseRoutes(1, List.of()))
                .expectEvents(new NodeRoutesAdvertised(1, List.of("10.1.0.0/16"), List.of()));
    }

    @Test
    void advertisingAnInvalidRouteIsRefused() {
        fixture.given(aliceRegistered())
                .when(new AdvertiseRoutes(1, List.of("10.0.0.0/8", "10.0.0.0/33")))
                .expectException(domainException(Kind.INVALID, "route '10.0.0.0/33'"))
                .expectNoEvents();
    }

    @Test
    void approvedRoutesAreNormalisedAndIndependentOfAdvertisedOnes() {
        fixture.given(aliceRegistered(), new NodeRoutesAdvertised(1, List.of(), List.of("10.1.0.0/16")))
                .when(new ApproveRoutes(1, List.of("10.1.9.9/16")))
                .expectEvents(new NodeRoutesApproved(1, List.of(), List.of("10.1.0.0/16")));
    }

    @Test
    void approvingTheSameRoutesRecordsNothing() {
        fixture.given(aliceRegistered(), new NodeRoutesApproved(1, List.of(), List.of("0.0.0.0/0", "::/0")))
                .when(new ApproveRoutes(1, List.of("::/0", "0.0.0.0/0", "::0/0")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void approvingNewRoutesRecordsThePreviousApproval() {
        fixture.given(aliceRegistered(), new NodeRoutesApproved(1, List.of(), List.of("0.0.0.0/0", "::/0")))
                .when(new ApproveRoutes(1, List.of("10.1.0.0/16")))
                .expectEvents(new NodeRoutesApproved(1, List.of("0.0.0.0/0", "::/0"), List.of("10.1.0.0/16")));
    }

    @Test
    void approvingARouteWithoutPrefixLengthIsRefused() {
        fixture.given(aliceRegistered())
                .when(new ApproveRoutes(1, List.of("10.1.0.0")))
                .expectException(domainException(Kind.INVALID, "no prefix length"))
                .expectNoEvents();
    }

    // --- reachability -------------------------------------------------------------------------

    private static final String DISCO = "discokey:" + "6f".repeat(32);

    @Test
    void firstReachabilityReportIsRecorded() {
        fixture.given(aliceRegistered())
                .when(new ReportReachability(1, List.of("192.0.2.1:41641"), 999, DISCO))
                .expectEvents(new NodeReachabilityChanged(1, List.of("192.0.2.1:41641"), 999, DISCO));
    }

    @Test
    void repeatedIdenticalReachabilityRecordsNothing() {
        fixture.given(aliceRegistered(), new NodeReachabilityChanged(1, List.of("192.0.2.1:41641"), 999, DISCO))
                .when(new ReportReachability(1, List.of("192.0.2.1:41641"), 999, DISCO))
                .expectNoEvents();
    }

    @Test
    void aReportWithoutDiscoKeyKeepsTheKnownOne() {
        fixture.given(aliceRegistered(), new NodeReachabilityChanged(1, List.of("192.0.2.1:41641"), 999, DISCO))
                .when(new ReportReachability(1, List.of("192.0.2.1:41641"), 999, null))
                .expectNoEvents();
    }

    @Test
    void changedHomeDerpRegionIsRecordedWithTheWholeReachability() {
        fixture.given(aliceRegistered(), new NodeReachabilityChanged(1, List.of("192.0.2.1:41641"), 999, DISCO))
                .when(new ReportReachability(1, List.of("192.0.2.1:41641"), 1, null))
                .expectEvents(new NodeReachabilityChanged(1, List.of("192.0.2.1:41641"), 1, DISCO));
    }

    // --- client software -------------------------------------------------------------------------

    @Test
    void clientDetailsAreRecordedWhenTheyChange() {
        NodeClientReported linux = new NodeClientReported(1, "linux", "Debian 12", "1.82.0-t5716fc6f3", "",
                List.of("ssh-ed25519 AAAA"), List.of());
        fixture.given(aliceRegistered())
                .when(new ReportClient(1, "linux", "Debian 12", "1.82.0-t5716fc6f3", null, List.of("ssh-ed25519 AAAA"), null))
                .expectEvents(linux);
        fixture.given(aliceRegistered(), linux)
                .when(new ReportClient(1, "linux", "Debian 12", "1.82.0-t5716fc6f3", "", List.of("ssh-ed25519 AAAA"), List.of()))
                .expectNoEvents();
        fixture.given(aliceRegistered(), linux)
                .when(new ReportClient(1, "linux", "Debian 12", "1.84.0", "", List.of("ssh-ed25519 AAAA"), List.of()))
                .expectEvents(new NodeClientReported(1, "linux", "Debian 12", "1.84.0", "", List.of("ssh-ed25519 AAAA"),
                        List.of()));
    }

    @Test
    void peerApiServicesAreRecordedWhenTheyChange() {
        NodeClientReported without = new NodeClientReported(1, "linux", "", "1.82.5", "", List.of(), List.of());
        List<PeerService> peerApi = List.of(new PeerService("peerapi4", 58436), new PeerService("peerapi6", 58436),
                new PeerService("peerapi-dns-proxy", 1));
        fixture.given(aliceRegistered(), without)
                .when(new ReportClient(1, "linux", "", "1.82.5", "", List.of(), peerApi))
                .expectEvents(new NodeClientReported(1, "linux", "", "1.82.5", "", List.of(), peerApi));
        fixture.given(aliceRegistered(), without,
                        new NodeClientReported(1, "linux", "", "1.82.5", "", List.of(), peerApi))
                .when(new ReportClient(1, "linux", "", "1.82.5", "", List.of(), peerApi))
                .expectNoEvents();
    }

    @Test
    void peerServicesOtherThanThePeerApiOrOnNoPortAreRefused() {
        for (List<PeerService> bad : List.of(List.of(new PeerService("tcp", 22)), List.of(new PeerService("peerapi4", 0)),
                List.of(new PeerService("peerapi6", 65536)),
                java.util.Collections.nCopies(9, new PeerService("peerapi4", 41641)))) {
            fixture.given(aliceRegistered())
                    .when(new ReportClient(1, "linux", "", "", "", List.of(), bad))
                    .expectException(domainException(Kind.INVALID, "peer API services"))
                    .expectNoEvents();
        }
    }

    @Test
    void oversizedClientDetailsAreRefused() {
        fixture.given(aliceRegistered())
                .when(new ReportClient(1, "x".repeat(257), "", "", "", List.of(), List.of()))
                .expectException(domainException(Kind.INVALID, "client details"))
                .expectNoEvents();
        fixture.given(aliceRegistered())
                .when(new ReportClient(1, "linux", "", "", "", java.util.Collections.nCopies(17, "ssh-ed25519 AAAA"), List.of()))
                .expectException(domainException(Kind.INVALID, "SSH host keys"))
                .expectNoEvents();
    }

    @Test
    void malformedDiscoKeyIsRefused() {
        fixture.given(aliceRegistered())
                .when(new ReportReachability(1, List.of(), 0, "discokey:nothex"))
                .expectException(domainException(Kind.INVALID, "disco key"))
                .expectNoEvents();
    }

    // --- sessions -----------------------------------------------------------------------------

    @Test
    void aSessionStartRecordsTheConnection() {
        fixture.given(aliceRegistered())
                .when(new RecordSession(1, true))
                .expectEvents(new NodeConnected(1));
    }

    @Test
    void aSecondStartWhileConnectedRecordsNothing() {
        fixture.given(aliceRegistered(), new NodeConnected(1))
                .when(new RecordSession(1, true))
                .expectNoEvents();
    }

    @Test
    void anEndRecordsTheDisconnectionOnce() {
        fixture.given(aliceRegistered(), new NodeConnected(1))
                .when(new RecordSession(1, false))
                .expectEvents(new NodeDisconnected(1));
        fixture.given(aliceRegistered(), new NodeConnected(1), new NodeDisconnected(1))
                .when(new RecordSession(1, false))
                .expectNoEvents();
    }

    @Test
    void anApprovedSshCheckRecordsTheSessionAndThePeriod() {
        fixture.given(aliceRegistered())
                .when(new DecideSshCheck(1, "hskey-authreq-" + "a".repeat(24), 7, "alice", "alice", true, 43_200))
                .expectEvents(new SshCheckApproved(1, "hskey-authreq-" + "a".repeat(24), 7, "alice", "alice", 43_200));
    }

    @Test
    void aRejectedSshCheckRecordsTheRefusal() {
        fixture.given(aliceRegistered())
                .when(new DecideSshCheck(1, "hskey-authreq-" + "b".repeat(24), 7, "root", "root", false, 43_200))
                .expectEvents(new SshCheckRejected(1, "hskey-authreq-" + "b".repeat(24), 7, "root", "root"));
    }

    @Test
    void anSshCheckDecisionWithoutACheckOrWithANegativePeriodIsRefused() {
        fixture.given(aliceRegistered())
                .when(new DecideSshCheck(1, " ", 7, "alice", "alice", true, 60))
                .expectNoEvents().expectException(domainException(Kind.INVALID, "must name the check"));
        newFixture().given(aliceRegistered())
                .when(new DecideSshCheck(1, "hskey-authreq-" + "c".repeat(24), 7, "alice", "alice", true, -1))
                .expectNoEvents().expectException(domainException(Kind.INVALID, "cannot be negative"));
    }
}
