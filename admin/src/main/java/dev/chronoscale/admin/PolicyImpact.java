package dev.chronoscale.admin;

import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.inventory.Tailnet;

import java.util.Optional;

/**
 * The impact of a policy before it is applied: the access it would add and remove against the policy in force, over
 * today's tailnet, so a reviewer sees what a change opens and closes before it lands.
 */
public final class PolicyImpact {

    private final PolicyAdmin policies;
    private final Netmap netmap;
    private final InventoryQueries inventory;
    private final AccessMatrix access;
    private final PolicyParser parser = new PolicyParser();

    public PolicyImpact(PolicyAdmin policies, Netmap netmap, InventoryQueries inventory, AccessMatrix access) {
        this.policies = policies;
        this.netmap = netmap;
        this.inventory = inventory;
        this.access = access;
    }

    /** Checks the text as {@code policy check} does (refusing it for the same reasons), then compares. */
    public AccessChange of(String proposedText) {
        policies.check(proposedText);
        Policy proposed = parse(proposedText);
        Tailnet tailnet = netmap.tailnet();
        Optional<Policy> inForce = netmap.policy();
        Policy current = inForce.orElseGet(AccessMatrix::allowAll);
        String currentText = inForce.isPresent() ? inventory.policy().map(PolicyView::text).orElse("{}") : AccessMatrix.ALLOW_ALL;
        return access.change(current, currentText, proposed, proposedText, tailnet);
    }

    private Policy parse(String text) {
        try {
            return parser.parse(text);
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException("a policy that passed its check no longer parses", e);
        }
    }
}
