package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.AclRule;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.tailcfg.FilterRule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each rule's packet filters on its own, cut from one compile of the whole policy: for a node, what the policy with
 * only that ACL or grant would put in its packet filter. Tailscale's rules only grant, so a rule's rows are this
 * much, and the access matrix names each by its rule without compiling the policy once per rule. The rules share
 * the compile's aliases, routes and auto-approvals, which depend on the tailnet and the policy's other sections,
 * not on the rules.
 */
public final class RulePacketFilters {

    private final NodeSlots slots;
    /** ACLs first, then grants, each in the policy's order. */
    private final List<PacketFilters> rules;

    RulePacketFilters(Policy policy, List<GrantCompiler.Output> outputs, NodeSlots slots,
                      Map<Long, List<TailnetNode>> nodesByOwner) {
        this.slots = slots;
        this.rules = new ArrayList<>();
        // The compile's outputs are the effective grants: the policy's grants, then each ACL's, one per destination.
        List<Grant> grants = policy.grants().orElse(List.of());
        int next = grants.size();
        for (AclRule acl : policy.acls().orElse(List.of())) {
            int count = Grant.fromAcl(acl).size();
            rules.add(new PacketFilters(CompiledRules.of(outputs.subList(next, next + count), slots, nodesByOwner)));
            next += count;
        }
        for (int i = 0; i < grants.size(); i++) {
            rules.add(new PacketFilters(CompiledRules.of(outputs.subList(i, i + 1), slots, nodesByOwner)));
        }
        if (next != outputs.size()) {
            throw new IllegalStateException("the compile has " + outputs.size() + " grants where the policy's rules make " + next);
        }
    }

    /**
     * The nodes whose filter under some rule may differ between this compile and {@code other}, a compile of another
     * policy over the same tailnet: the nodes a rule of one has and the other has not (compiled, not as written: a
     * group that gained a member changes its rules) may concern. Every other node has the same filter under the
     * same rules in both, so the same access. Empty when the two compiles hold other nodes (routes that one policy's
     * autoApprovers approve, say): then every node may differ.
     */
    public Optional<Set<Long>> nodesWhoseRulesDiffer(RulePacketFilters other) {
        if (slots.capacity() != other.slots.capacity()) {
            return Optional.empty();
        }
        for (int slot = 0; slot < slots.capacity(); slot++) {
            if (!java.util.Objects.equals(slots.node(slot), other.slots.node(slot))) {
                return Optional.empty();
            }
        }
        BitSet differing = new BitSet();
        unmatched(rules, other.rules).forEach(rule -> differing.or(rule.slotsConcerned(slots)));
        unmatched(other.rules, rules).forEach(rule -> differing.or(rule.slotsConcerned(slots)));
        Set<Long> ids = new HashSet<>();
        differing.stream().mapToObj(slots::node).filter(java.util.Objects::nonNull).forEach(node -> ids.add(node.id()));
        return Optional.of(ids);
    }

    /** The rules of {@code these} that no rule of {@code those} compiles to the same, each of those matched once. */
    private static List<PacketFilters> unmatched(List<PacketFilters> these, List<PacketFilters> those) {
        List<PacketFilters> available = new ArrayList<>(those);
        List<PacketFilters> out = new ArrayList<>();
        for (PacketFilters rule : these) {
            int match = -1;
            for (int i = 0; i < available.size() && match < 0; i++) {
                if (rule.sameRulesAs(available.get(i))) {
                    match = i;
                }
            }
            if (match < 0) {
                out.add(rule);
            } else {
                available.remove(match);
            }
        }
        return out;
    }

    /** How many rules: the policy's ACLs and grants. */
    public int size() {
        return rules.size();
    }

    /** The node's packet filter under each rule alone, in the order of {@link #size() the rules}; empty for a node not compiled. */
    public Optional<List<List<FilterRule>>> forNode(long nodeId) {
        return slots.slotOf(nodeId).map(slot -> {
            TailnetNode node = slots.node(slot);
            List<List<FilterRule>> filters = new ArrayList<>(rules.size());
            rules.forEach(rule -> filters.add(rule.mayConcern(slot, node) ? rule.packetFilter(slot, node) : List.of()));
            return filters;
        });
    }
}
