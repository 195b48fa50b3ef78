package dev.chronoscale.gateway.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code tailcfg.FilterRule}: packets from {@code SrcIPs} may reach {@code DstPorts} on the receiving node. */
public record FilterRule(@JsonProperty("SrcIPs") List<String> srcIps, @JsonProperty("DstPorts") List<NetPortRange> dstPorts) {

    /** {@code tailcfg.NetPortRange}. */
    public record NetPortRange(@JsonProperty("IP") String ip, @JsonProperty("Ports") PortRange ports) {
    }

    /** {@code tailcfg.PortRange}, inclusive. */
    public record PortRange(@JsonProperty("First") int first, @JsonProperty("Last") int last) {
    }

    /** Tailscale's {@code FilterAllowAll}: every source, every destination, every port. */
    public static final List<FilterRule> ALLOW_ALL =
            List.of(new FilterRule(List.of("*"), List.of(new NetPortRange("*", new PortRange(0, 65535)))));
}
