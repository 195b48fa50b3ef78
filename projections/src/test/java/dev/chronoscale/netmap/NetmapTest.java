package dev.chronoscale.netmap;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class NetmapTest {

    private final Netmap netmap = new Netmap();

    private static NetmapNode node(long id, String nodeKey) {
        return new NetmapNode(id, "mkey:" + "1".repeat(64), nodeKey, Optional.empty(), Optional.of(1L), List.of(), "h",
                "n" + id, Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(), 0, List.of(), List.of(),
                Instant.EPOCH);
    }

    @Test
    void listenersSeeEveryChangeInOrderWithTheStateAfterIt() {
        List<String> seen = new ArrayList<>();
        netmap.addListener((change, view) -> seen.add(change.getClass().getSimpleName() + " " + view.nodes().size()));
        netmap.joined(node(1, "nodekey:a"));
        netmap.updated(1, n -> n.withGivenName("renamed"));
        netmap.reachabilityUpdated(1, n -> n.withReachability(List.of("192.0.2.1:1"), 1, Optional.empty()));
        netmap.updated(9, n -> n.withGivenName("unknown node: ignored"));
        netmap.left(1);
        assertThat(seen).containsExactly("Joined 1", "Updated 1", "ReachabilityUpdated 1", "Left 0");
    }

    @Test
    void aWaiterForANodeKeyCompletesWhenTheKeyAppearsByRegistrationOrRotation() {
        CompletableFuture<NetmapNode> registered = netmap.whenKnown("nodekey:a");
        CompletableFuture<NetmapNode> rotated = netmap.whenKnown("nodekey:b");
        assertThat(registered).isNotDone();
        netmap.joined(node(1, "nodekey:a"));
        assertThat(registered).isCompletedWithValueMatching(n -> n.id() == 1);
        assertThat(rotated).isNotDone();
        netmap.updated(1, n -> n.withNodeKey("nodekey:b", Optional.empty()));
        assertThat(rotated).isCompletedWithValueMatching(n -> n.nodeKey().equals("nodekey:b"));
        Optional<NetmapNode> oldKey = netmap.read(view -> view.nodeByKey("nodekey:a"));
        assertThat(oldKey).isEmpty();
    }

    @Test
    void aWaiterForALogPositionCompletesOnceTheNetmapHasAppliedIt() {
        CompletableFuture<Void> five = netmap.whenAt(5);
        CompletableFuture<Void> seven = netmap.whenAt(7);
        netmap.processed(4);
        assertThat(five).isNotDone();
        netmap.processed(6);
        assertThat(five).isDone();
        assertThat(seven).isNotDone();
        assertThat(netmap.whenAt(6)).isDone();
    }
}
