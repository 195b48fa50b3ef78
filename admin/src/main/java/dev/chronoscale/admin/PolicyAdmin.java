package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyCommands.SetPolicy;
import dev.chronoscale.domain.policy.PolicyRejectedException;
import dev.chronoscale.domain.policy.PolicyValidator;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PolicyView;

/** The tailnet policy: read, check without effect, or put a new version in force. */
public final class PolicyAdmin {

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final PolicyValidator validator;

    public PolicyAdmin(AuditedCommandSender commands, InventoryQueries inventory, PolicyValidator validator) {
        this.commands = commands;
        this.inventory = inventory;
        this.validator = validator;
    }

    public PolicyView get() {
        return inventory.policy().orElseThrow(() -> DomainException.notFound(
                "no policy has been set; every node may reach every other until one is"));
    }

    public void check(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("the policy is empty");
        }
        try {
            validator.validate(text);
        } catch (InvalidPolicyException e) {
            throw new PolicyRejectedException(e.getMessage());
        }
    }

    public PolicyView set(String text, AuditContext audit) {
        commands.send(new SetPolicy(text), audit, "policy");
        return get();
    }
}
