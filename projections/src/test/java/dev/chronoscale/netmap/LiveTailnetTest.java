package dev.chronoscale.netmap;

import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LiveTailnetTest {

    private final Netmap netmap = new Netmap();

    private static NetmapNode node(long id, Optional<String> ipv4) {
        return new NetmapNode(id, "mkey:" + "1".repeat(64), "nodekey:" + id, Optional.empty(), Optional.of(1L), List.of(),
                "h" + id, "n" + id, ipv4, Optional.of("fd7a:115c:a1e0::" + id), Optional.empty(), false, List.of(), 0,
                List.of(), List.of(), Instant.EPOCH, NodeClient.UNKNOWN);
    }

    @Test
    void waitsForTheNetmapToApplyTheLogHeadThenReadsItsNodesAndUsers() throws Exception {
        netmap.userUpdated(new NetmapUser(1, "alice", "Alice", "alice@example.com"));
        netmap.processed(1);
        CompletableFuture<Tailnet> read = CompletableFuture.supplyAsync(new LiveTailnet(netmap, () -> 3));
        netmap.joined(node(7, Optional.of("100.64.0.7")));
        netmap.processed(2);
        assertThat(read).isNotDone();
        netmap.joined(node(8, Optional.empty()));
        netmap.joined(node(9, Optional.of("100.64.0.9")));
        netmap.processed(3);

        Tailnet tailnet = read.get(10, TimeUnit.SECONDS);
        assertThat(tailnet.users()).containsExactly(new TailnetUser(1, "alice", "alice@example.com"));
        // Without both addresses a node is not in the compiler's tailnet, nor in its tests'.
        assertThat(tailnet.nodes()).extracting(TailnetNode::id).containsExactly(7L, 9L);
        assertThat(tailnet).isEqualTo(netmap.tailnet());
    }

    @Test
    void anEmptyLogNeedsNoWait() {
        assertThat(new LiveTailnet(netmap, () -> -1).get().nodes()).isEmpty();
    }
}
