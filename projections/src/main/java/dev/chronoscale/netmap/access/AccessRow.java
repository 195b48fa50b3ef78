package dev.chronoscale.netmap.access;

import dev.chronoscale.tailcfg.WirePortRange;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One row of the access matrix: the sources of a policy rule (as the rule writes them, and as addresses) may reach a
 * destination node on these protocols and ports, because of that rule. {@code destinationIps} are the packet filter's
 * destinations on that node: its own addresses, or the subnet routes it serves.
 */
public record AccessRow(String source, List<String> sourceIps, long destinationId, String destination,
                        List<String> destinationAddresses, List<String> destinationIps, String protocol,
                        List<WirePortRange> portRanges, String rule, String ruleText) {

    public AccessRow {
        sourceIps = List.copyOf(sourceIps);
        destinationAddresses = List.copyOf(destinationAddresses);
        destinationIps = List.copyOf(destinationIps);
        portRanges = List.copyOf(portRanges);
    }

    /** The ports as the tables write them: {@code *}, {@code 22}, {@code 80,443}, {@code 8000-8999}. */
    public String ports() {
        return portRanges.stream().map(AccessRow::ports).collect(Collectors.joining(","));
    }

    /** One port range as the tables write it: {@code *}, {@code 22} or {@code 8000-8999}. */
    public static String ports(WirePortRange range) {
        if (range.first() == 0 && range.last() == 65535) {
            return "*";
        }
        return range.first() == range.last() ? String.valueOf(range.first()) : range.first() + "-" + range.last();
    }

    /** Whether the row's ports include {@code port}. */
    public boolean coversPort(int port) {
        return portRanges.stream().anyMatch(range -> range.first() <= port && port <= range.last());
    }

    /** What the row grants, without which rule grants it: two policies that grant the same have the same keys. */
    public Grant grant() {
        return new Grant(source, destinationId, destination, protocol, ports());
    }

    public record Grant(String source, long destinationId, String destination, String protocol, String ports) {
    }
}
