package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.AclRule;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.tailcfg.FilterRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
