package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.domain.node.NodeCommands.ImportNode;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

/** A node carried over from another server keeps its addresses, name, routes and reachability, or is refused whole. */
class ImportNodeTest {

    private static final String MKEY = "mkey:" + "3a".repeat(32);
    private static final String NKEY = "nodekey:" + "ee".repeat(32);
    private static final String DKEY = "discokey:" + "b6".repeat(32);
    private static final Instant CREATED = Instant.parse("2026-12-02T16:26:50.760995958Z");

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();
    private final AddressAllocator allocator = AddressAllocator.defaults();
    private AggregateTestFixture<NodeAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NodeAggregate.class);
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(allocator);
    }

    private static ImportNode node(long id, String machineKey, String nodeKey, String name, String ipv4, String ipv6) {
        return new ImportNode(id, machineKey, nodeKey, DKEY, null, List.of("tag:server"), "db-server", name, ipv4, ipv6,
                null, false, 3L, RegisterMethod.AUTH_KEY, List.of("10.30.0.0/24", "0.0.0.0/0", "::/0"),
                List.of("10.30.0.0/24"), List.of("192.0.2.2:36354"), CREATED);
    }

    @Test
    void keepsTheAddressesNameRoutesAndReachabilityItHadAtTheSource() {
        fixture.givenNoPriorActivity()
                .when(node(3, MKEY, NKEY, "db-server", "100.64.0.3", "fd7a:115c:a1e0::3"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new NodeRegistered(3, MKEY, NKEY, null, List.of("tag:server"), "db-server", "db-server",
                                "100.64.0.3", "fd7a:115c:a1e0::3", null, false, 3L, RegisterMethod.AUTH_KEY, CREATED),
                        new NodeRoutesAdvertised(3, List.of(), List.of("0.0.0.0/0", "10.30.0.0/24", "::/0")),
                        new NodeRoutesApproved(3, List.of(), List.of("10.30.0.0/24")),
                        new NodeReachabilityChanged(3, List.of("192.0.2.2:36354"), 0, DKEY));
        assertThat(claims.claimed(ClaimKind.IPV4)).containsExactly("100.64.0.3");
        assertThat(claims.claimed(ClaimKind.NODE_NAME)).containsExactly("db-server");
    }

    @Test
    void aNodeRegisteredLaterGetsAnAddressTheImportedOneDoesNotHold() {
        fixture.givenNoPriorActivity().when(node(1, MKEY, NKEY, "db-server", "100.64.0.1", "fd7a:115c:a1e0::1"))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(2, "mkey:" + "44".repeat(32), "nodekey:" + "55".repeat(32), 1L, List.of(),
                        "db-server", null, false, null, RegisterMethod.CLI))
                .expectSuccessfulHandlerExecution();
        assertThat(claims.claimed(ClaimKind.IPV4)).containsExactlyInAnyOrder("100.64.0.1", "100.64.0.2");
        assertThat(claims.claimed(ClaimKind.NODE_NAME)).hasSize(2).contains("db-server");
    }

    @Test
    void anAddressOutsideTheConfiguredPrefixIsRefusedWithTheKeyToChange() {
        fixture.givenNoPriorActivity()
                .when(node(3, MKEY, NKEY, "db-server", "10.1.2.3", "fd7a:115c:a1e0::3"))
                .expectException(domainException(Kind.INVALID, "address 10.1.2.3 is outside prefixes.v4 (100.64.0.0/10)"
                        + "; configure prefixes.v4 to include it"));
    }

    @Test
    void aTakenAddressOrNameIsRefused() {
        claims.claim(ClaimKind.IPV4, "100.64.0.3", "node:9");
        fixture.givenNoPriorActivity()
                .when(node(3, MKEY, NKEY, "db-server", "100.64.0.3", "fd7a:115c:a1e0::3"))
                .expectException(ValueTakenException.class);
        claims.claim(ClaimKind.NODE_NAME, "web", "node:9");
        fixture.givenNoPriorActivity()
                .when(node(4, "mkey:" + "66".repeat(32), "nodekey:" + "77".repeat(32), "web", "100.64.0.4", null))
                .expectException(ValueTakenException.class);
    }

    @Test
    void aNetworkOrReservedAddressIsRefused() {
        fixture.givenNoPriorActivity()
                .when(node(3, MKEY, NKEY, "db-server", "100.100.100.100", null))
                .expectException(domainException(Kind.INVALID, "address 100.100.100.100 is not a usable host address of 100.64.0.0/10"));
    }

    @Test
    void aNodeWithoutUserOrTagIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ImportNode(3, MKEY, NKEY, null, null, List.of(), "x", "x", "100.64.0.3", null, null, false,
                        null, RegisterMethod.CLI, null, null, null, CREATED))
                .expectException(domainException(Kind.INVALID, "a node must belong to a user or carry at least one tag"));
    }
}
