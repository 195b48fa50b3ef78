package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.IpPrefix;
import dev.chronoscale.domain.policy.IpSet;
import dev.chronoscale.netmap.wire.CapGrant;
import dev.chronoscale.netmap.wire.FilterRule;
import dev.chronoscale.netmap.wire.NetPortRange;
import dev.chronoscale.netmap.wire.WirePortRange;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A filter rule before it is cut down to one node: the sources as sent and as a set to match against,
 * and each destination with the address set it covers.
 */
record RuleTemplate(List<String> srcIps, IpSet sources, List<Destination> destinations, List<Integer> ipProto,
                    List<CapTarget> capTargets) {

    /** One DstPorts entry; {@code addresses} is what {@code ip} covers ({@code *} covers everything). */
    record Destination(String ip, IpSet addresses, WirePortRange ports) {
        NetPortRange wire() {
            return new NetPortRange(ip, ports);
        }
    }

    /** One CapGrant before narrowing: its destination prefixes and capabilities. */
    record CapTarget(List<IpPrefix> prefixes, Map<String, List<JsonNode>> capMap) {
    }

    boolean isCapGrant() {
        return !capTargets.isEmpty();
    }

    /** Every address a destination of this rule covers, for deciding who may reach whom. */
    IpSet destinationAddresses() {
        List<dev.chronoscale.domain.policy.IpRange> ranges = new ArrayList<>();
        destinations.forEach(d -> ranges.addAll(d.addresses().ranges()));
        capTargets.forEach(c -> c.prefixes().forEach(p -> ranges.add(p.range())));
        return IpSet.of(ranges);
    }

    FilterRule wire(List<Destination> kept) {
        return new FilterRule(srcIps, kept.stream().map(Destination::wire).toList(), ipProto, List.of());
    }

    static FilterRule capWire(List<String> srcIps, List<CapGrant> grants) {
        return new FilterRule(srcIps, List.of(), List.of(), grants);
    }

    /** Parses SrcIPs strings back into a set; {@code *} is every address. */
    static IpSet parseSources(List<String> srcIps) {
        List<dev.chronoscale.domain.policy.IpRange> ranges = new ArrayList<>();
        for (String src : srcIps) {
            ranges.addAll(parseAddressText(src).ranges());
        }
        return IpSet.of(ranges);
    }

    static IpSet parseAddressText(String text) {
        return AddressText.parse(text);
    }
}
