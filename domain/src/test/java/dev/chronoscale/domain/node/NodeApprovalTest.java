package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.domain.node.NodeCommands.ApproveNode;
import dev.chronoscale.domain.node.NodeCommands.RefuseNode;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.NodeEvents.NodeApprovalRefused;
import dev.chronoscale.domain.node.NodeEvents.NodeApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

/** Device approval on the node aggregate: a pending node is approved or refused once, and a refusal is final. */
class NodeApprovalTest {

    private static final String MKEY = "mkey:" + "1a".repeat(32);
    private static final String NKEY = "nodekey:" + "2b".repeat(32);

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();
    private AggregateTestFixture<NodeAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NodeAggregate.class);
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(AddressAllocator.defaults());
    }

    private static NodeRegistered registered(Boolean awaitingApproval) {
        return new NodeRegistered(1, MKEY, NKEY, 7L, List.of(), "laptop", "laptop", "100.64.0.1",
                "fd7a:115c:a1e0::1", null, false, null, RegisterMethod.CLI, null, awaitingApproval);
    }

    @Test
    void aNodeRegisteredAwaitingApprovalSaysSoOnItsRegistration() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY, NKEY, 7L, List.of(), "laptop", null, false, null, RegisterMethod.CLI, true))
                .expectEvents(registered(true));
        assertThat(registered(true).approval()).isEqualTo(NodeApproval.PENDING);
    }

    @Test
    void aNodeRegisteredWithoutApprovalRecordsNoApprovalField() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(1, MKEY, NKEY, 7L, List.of(), "laptop", null, false, null, RegisterMethod.CLI, false))
                .expectEvents(registered(null));
        assertThat(registered(null).approval()).isEqualTo(NodeApproval.APPROVED);
        assertThat(registered(false).approval()).isEqualTo(NodeApproval.APPROVED);
    }

    @Test
    void approvingAPendingNodeRecordsTheReason() {
        fixture.given(registered(true))
                .when(new ApproveNode(1, "  checked the asset tag  "))
                .expectEvents(new NodeApproved(1, "checked the asset tag"));
    }

    @Test
    void approvingWithoutAReasonRecordsAnEmptyOne() {
        fixture.given(registered(true))
                .when(new ApproveNode(1, null))
                .expectEvents(new NodeApproved(1, ""));
    }

    @Test
    void approvingAnApprovedNodeIsRefused() {
        fixture.given(registered(true), new NodeApproved(1, ""))
                .when(new ApproveNode(1, "again"))
                .expectNoEvents()
                .expectException(domainException(Kind.CONFLICT, "node 1 is already approved"));
    }

    @Test
    void aNodeRegisteredBeforeApprovalExistedIsApprovedAlready() {
        fixture.given(new NodeRegistered(1, MKEY, NKEY, 7L, List.of(), "laptop", "laptop", "100.64.0.1",
                        "fd7a:115c:a1e0::1", null, false, null, RegisterMethod.CLI))
                .when(new ApproveNode(1, ""))
                .expectException(domainException(Kind.CONFLICT, "already approved"));
    }

    @Test
    void refusingAPendingNodeRecordsTheRefusal() {
        fixture.given(registered(true))
                .when(new RefuseNode(1, "unknown device"))
                .expectEvents(new NodeApprovalRefused(1, "unknown device"));
    }

    @Test
    void aRefusedNodeStaysRefused() {
        fixture.given(registered(true), new NodeApprovalRefused(1, ""))
                .when(new ApproveNode(1, "changed my mind"))
                .expectNoEvents()
                .expectException(domainException(Kind.CONFLICT, "stays refused"));
        fixture.given(registered(true), new NodeApprovalRefused(1, ""))
                .when(new RefuseNode(1, ""))
                .expectException(domainException(Kind.CONFLICT, "already refused"));
    }

    @Test
    void anApprovedNodeIsNotRefused() {
        fixture.given(registered(null))
                .when(new RefuseNode(1, ""))
                .expectNoEvents()
                .expectException(domainException(Kind.CONFLICT, "only a pending node is refused"));
    }

    @Test
    void aReasonLongerThanTheLimitIsRefused() {
        fixture.given(registered(true))
                .when(new ApproveNode(1, "x".repeat(NodeAggregate.MAX_REASON + 1)))
                .expectNoEvents()
                .expectException(domainException(Kind.INVALID, "reason longer than"));
    }

    @Test
    void aDeletedNodeIsNeitherApprovedNorRefused() {
        fixture.given(registered(true), new NodeDeleted(1, "laptop", "100.64.0.1", "fd7a:115c:a1e0::1"))
                .when(new ApproveNode(1, ""))
                .expectException(org.axonframework.eventsourcing.AggregateDeletedException.class);
    }
}
