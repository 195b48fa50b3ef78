package dev.chronoscale.netmap.access;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.AliasParser;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.compile.AliasResolver;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Narrows the access matrix: {@code source} and {@code destination} are aliases of the policy language
 * ({@code group:ops}, {@code tag:db}, {@code alice@}, a host, an address or prefix) or a node's name; a row is kept
 * when its sources overlap the source alias, its destination node is in the destination alias, and its ports
 * include {@code port}.
 */
public record AccessQuery(Optional<String> source, Optional<String> destination, Optional<Integer> port) {

    public static final AccessQuery ALL = new AccessQuery(Optional.empty(), Optional.empty(), Optional.empty());

    public AccessQuery {
        port.ifPresent(p -> {
            if (p < 0 || p > 65535) {
                throw DomainException.invalid("port " + p + " is not between 0 and 65535");
            }
        });
    }

    public List<AccessRow> filter(List<AccessRow> rows, Policy policy, Tailnet tailnet) {
        return resolve(policy, tailnet).filter(rows);
    }

    /** The query with its aliases resolved in {@code tailnet} under {@code policy}, once for every row it is asked of. */
    public Resolved resolve(Policy policy, Tailnet tailnet) {
        if (source.isEmpty() && destination.isEmpty()) {
            return new Resolved(Optional.empty(), Optional.empty(), port);
        }
        AliasResolver aliases = new AliasResolver(policy, tailnet);
        return new Resolved(source.map(text -> resolve(text, aliases, tailnet)),
                destination.map(text -> resolve(text, aliases, tailnet)), port);
    }

    /** A query whose source and destination are address sets. */
    public record Resolved(Optional<IpSet> sources, Optional<IpSet> destinations, Optional<Integer> port) {

        /** Whether a row to {@code node} can be kept: the node has an address in the destination. */
        public boolean reaches(TailnetNode node) {
            return destinations.isEmpty() || node.addresses().stream().anyMatch(destinations.get()::contains);
        }

        public List<AccessRow> filter(List<AccessRow> rows) {
            List<AccessRow> kept = new ArrayList<>();
            for (AccessRow row : rows) {
                if (sources.isPresent() && !overlaps(row.sourceIps(), sources.get())) {
                    continue;
                }
                if (destinations.isPresent() && row.destinationAddresses().stream()
                        .noneMatch(address -> destinations.get().contains(IpAddress.parse(address)))) {
                    continue;
                }
                if (port.isPresent() && !row.coversPort(port.get())) {
                    continue;
                }
                kept.add(row);
            }
            return kept;
        }
    }

    private static IpSet resolve(String text, AliasResolver aliases, Tailnet tailnet) {
        List<TailnetNode> named = tailnet.nodes().stream().filter(n -> n.name().equals(text)).toList();
        if (!named.isEmpty()) {
            return IpSet.ofAddresses(named.stream().flatMap(n -> n.addresses().stream()).toList());
        }
        try {
            return aliases.resolve(AliasParser.parse(text));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("'" + text + "' is not an alias or a node name: " + e.getMessage());
        }
    }

    private static boolean overlaps(List<String> sourceIps, IpSet wanted) {
        for (String ip : sourceIps) {
            if (ip.equals("*") || wanted.overlaps(FilterIps.range(ip))) {
                return true;
            }
        }
        return false;
    }
}
