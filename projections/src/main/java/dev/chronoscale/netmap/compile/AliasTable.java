package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every alias a policy uses, with the addresses it stands for and the nodes (slots) that have one of those
 * addresses. A node change updates only the aliases the node belongs to, before or after the change.
 */
final class AliasTable {

    /** What an alias covers: addresses, and the nodes owning any of them. */
    record Members(IpSet addresses, BitSet nodes) {
    }

    private final Map<Alias, Members> members;

    private AliasTable(Map<Alias, Members> members) {
        this.members = members;
    }

    static AliasTable build(Policy policy, Tailnet tailnet, NodeSlots slots, Set<Alias> aliases) {
        AliasResolver resolver = new AliasResolver(policy, tailnet);
        NodeSlots.AddressOrder order = slots.addressOrder();
        Map<Alias, Members> out = new HashMap<>();
        for (Alias alias : aliases) {
            IpSet addresses = resolver.resolve(alias);
            out.put(alias, new Members(addresses, slots.withAddressIn(addresses, order)));
        }
        return new AliasTable(out);
    }

    Members get(Alias alias) {
        Members found = members.get(alias);
        if (found == null) {
            throw new IllegalStateException("alias not compiled: " + alias);
        }
        return found;
    }

    IpSet addresses(List<? extends Alias> aliases) {
        IpSet out = IpSet.EMPTY;
        for (Alias alias : aliases) {
            out = out.union(get(alias).addresses());
        }
        return out;
    }

    BitSet nodes(List<? extends Alias> aliases) {
        BitSet out = new BitSet();
        for (Alias alias : aliases) {
            out.or(get(alias).nodes());
        }
        return out;
    }

    /**
     * The table after one node changed ({@code before}/{@code after} absent for an added/removed node), and
     * which aliases changed. Aliases named by attributes (users, groups, tags, autogroups) gain or lose the
     * node's addresses; address aliases (hosts, prefixes, {@code *}) keep their addresses but may now cover
     * the node.
     */
    Update withNodeChange(Optional<TailnetNode> before, Optional<TailnetNode> after, int slot, Policy policy,
                          Map<Long, TailnetUser> users) {
        Map<Alias, Members> next = new HashMap<>(members);
        Set<Alias> changed = new HashSet<>();
        for (Map.Entry<Alias, Members> entry : members.entrySet()) {
            Alias alias = entry.getKey();
            Members current = entry.getValue();
            IpSet addresses = current.addresses();
            if (AliasMembership.isByAttributes(alias)) {
                boolean was = before.map(n -> AliasMembership.belongs(alias, n, policy, users)).orElse(false);
                boolean is = after.map(n -> AliasMembership.belongs(alias, n, policy, users)).orElse(false);
                if (was) {
                    addresses = addresses.minus(IpSet.ofAddresses(before.get().addresses()));
                }
                if (is) {
                    addresses = addresses.union(IpSet.ofAddresses(after.get().addresses()));
                }
            }
            IpSet finalAddresses = addresses;
            boolean covered = after.map(n -> n.addresses().stream().anyMatch(finalAddresses::contains)).orElse(false);
            if (addresses.equals(current.addresses()) && covered == current.nodes().get(slot)) {
                continue;
            }
            BitSet nodes = (BitSet) current.nodes().clone();
            nodes.set(slot, covered);
            next.put(alias, new Members(addresses, nodes));
            changed.add(alias);
        }
        return new Update(new AliasTable(next), changed);
    }

    record Update(AliasTable table, Set<Alias> changed) {
    }
}
