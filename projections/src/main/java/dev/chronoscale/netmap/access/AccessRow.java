package dev.chronoscale.netmap.access;

import java.util.List;

/**
 * One row of the access matrix: the sources of a policy rule (as the rule writes them, and as addresses) may reach a
 * destination node on these protocols and ports, because of that rule. {@code destinationIps} are the packet filter's
 * destinations on that node: its own addresses, or the subnet routes it serves.
 */
public record AccessRow(String source, List<String> sourceIps, long destinationId, String destination,
                        List<String> destinationAddresses, List<String> destinationIps, String protocol, String ports,
                        String rule, String ruleText) {

    public AccessRow {
        sourceIps = List.copyOf(sourceIps);
        destinationAddresses = List.copyOf(destinationAddresses);
        destinationIps = List.copyOf(destinationIps);
    }

    /** What the row grants, without which rule grants it: two policies that grant the same have the same keys. */
    public Grant grant() {
        return new Grant(source, destinationId, destination, protocol, ports);
    }

    public record Grant(String source, long destinationId, String destination, String protocol, String ports) {
    }
}
