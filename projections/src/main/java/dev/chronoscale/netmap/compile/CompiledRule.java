package dev.chronoscale.netmap.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.tailcfg.WirePortRange;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * One filter rule of the policy, kept at the level of address sets rather than one entry per address:
 * each node's DstPorts (or CapGrant) entries are cut from it when that node's netmap is derived.
 * {@code sourceNodes} and {@code destinationNodes} are the slots the two sides cover, directly or as routers.
 * {@code carriesRoutes}: the SrcIPs list every approved subnet route (the sources include {@code *}).
 */
record CompiledRule(List<String> srcIps, IpSet sources, BitSet sourceNodes, List<Part> parts, List<Integer> ipProto,
                    boolean capability, IpSet destinationAddresses, BitSet destinationNodes, boolean carriesRoutes) {

    /**
     * One destination alias of the rule. {@code wildcard} is {@code *} (sent as such); otherwise the alias's
     * addresses, sent as CIDR blocks. Capability parts carry their capabilities instead of ports.
     */
    record Part(boolean wildcard, IpSet addresses, List<WirePortRange> ports, Map<String, List<JsonNode>> capMap) {
    }
}
