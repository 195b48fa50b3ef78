package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.netmap.inventory.TailnetNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NetmapNodeTest {

    private static NetmapNode node(Optional<String> ipv4, Optional<String> ipv6) {
        return new NetmapNode(7, "mkey:" + "1".repeat(64), "nodekey:7", Optional.empty(), Optional.of(3L),
                List.of("tag:router"), "host-name", "given-name", ipv4, ipv6, Optional.empty(), false, List.of(), 0,
                List.of("10.20.0.0/16", "0.0.0.0/0"), List.of("10.20.0.0/16"), Instant.ofEpochSecond(42),
                NodeClient.UNKNOWN);
    }

    @Test
    void theCompilerSeesTheGivenNameParsedAddressesAndRoutesAndTheRegistrationTime() {
        TailnetNode seen = node(Optional.of("100.64.0.7"), Optional.of("fd7a:115c:a1e0::7")).toTailnetNode().orElseThrow();
        assertThat(seen).isEqualTo(new TailnetNode(7, "given-name", Optional.of(3L), Set.of("tag:router"),
                IpAddress.parse("100.64.0.7"), IpAddress.parse("fd7a:115c:a1e0::7"),
                List.of(IpPrefix.parse("10.20.0.0/16"), IpPrefix.parse("0.0.0.0/0")), List.of(IpPrefix.parse("10.20.0.0/16")),
                Instant.ofEpochSecond(42)));
    }

    @Test
    void aNodeWithoutBothAddressesIsNotInTheCompilersTailnet() {
        assertThat(node(Optional.empty(), Optional.of("fd7a:115c:a1e0::7")).toTailnetNode()).isEmpty();
        assertThat(node(Optional.of("100.64.0.7"), Optional.empty()).toTailnetNode()).isEmpty();
    }
}
