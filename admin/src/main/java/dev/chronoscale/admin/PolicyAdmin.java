package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyCommands.SetPolicy;
import dev.chronoscale.domain.policy.PolicyRejectedException;
import dev.chronoscale.domain.policy.PolicyTestRunner;
import dev.chronoscale.domain.policy.PolicyTextLimits;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PolicyView;

/**
 * The tailnet policy: read, check without effect, or put a new version in force. A policy's own tests are run
 * here, once, before the command is sent: the aggregate only parses and validates.
 */
public final class PolicyAdmin {

    /** What {@code policy get} answers before the first policy is set. */
    public static final String NO_POLICY = "no policy has been set; every node may reach every other until one is";

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final TailscalePolicyValidator validator;
    private final PolicyTestRunner tests;

    /** @param tests runs a policy's tests against the tailnet the map streams are compiled from */
    public PolicyAdmin(AuditedCommandSender commands, InventoryQueries inventory, TailscalePolicyValidator validator,
                       PolicyTestRunner tests) {
        this.commands = commands;
        this.inventory = inventory;
        this.validator = validator;
        this.tests = tests;
    }

    public PolicyView get() {
        return new InventoryReads(inventory).policy(NO_POLICY);
    }

    public void check(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("the policy is empty");
        }
        requireValidAndPassing(text);
    }

    public PolicyView set(String text, AuditContext audit) {
        // The aggregate refuses these too; checked first so such a text is refused for the same reason.
        PolicyTextLimits.check(text);
        requireValidAndPassing(text);
        commands.send(new SetPolicy(text), audit, "policy");
        return get();
    }

    /** Parses the text once and runs its tests once. */
    private void requireValidAndPassing(String text) {
        try {
            tests.requirePassing(validator.check(text));
        } catch (InvalidPolicyException e) {
            throw new PolicyRejectedException(e.getMessage());
        }
    }
}
