package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.util.List;
import java.util.Optional;

/**
 * What the list and get commands show, read from an inventory: the live one, or the inventory at an instant
 * ({@code dev.chronoscale.history}), so that {@code --at T} answers with the same rules as the present.
 */
public final class InventoryReads {

    private final InventoryQueries inventory;

    public InventoryReads(InventoryQueries inventory) {
        this.inventory = inventory;
    }

    /** Headscale's filter order: name, then email, then id; no filter lists everyone. */
    public List<UserView> users(Optional<Long> id, Optional<String> name, Optional<String> email) {
        if (name.isPresent()) {
            return inventory.userByName(name.get()).stream().toList();
        }
        if (email.isPresent()) {
            return inventory.usersByEmail(email.get());
        }
        if (id.isPresent()) {
            return inventory.user(id.get()).stream().toList();
        }
        return inventory.users();
    }

    public Optional<UserView> user(long id) {
        return inventory.user(id);
    }

    public List<NodeView> nodes(Optional<String> userName) {
        if (userName.isPresent()) {
            UserView user = inventory.userByName(userName.get())
                    .orElseThrow(() -> DomainException.notFound("user '" + userName.get() + "' not found"));
            return inventory.nodesOf(user.id());
        }
        return inventory.nodes();
    }

    public NodeView node(long id) {
        return inventory.node(id).orElseThrow(() -> DomainException.notFound("node " + id + " not found"));
    }

    public List<PreAuthKeyView> preAuthKeys() {
        return inventory.preAuthKeys();
    }

    public Optional<PreAuthKeyView> preAuthKey(long id) {
        return inventory.preAuthKey(id);
    }

    public List<ApiKeyView> apiKeys() {
        return inventory.apiKeys();
    }

    /** The policy in force, if one has been set. */
    public Optional<PolicyView> policy() {
        return inventory.policy();
    }

    /** The policy in force; {@code none} says why there is none. */
    public PolicyView policy(String none) {
        return inventory.policy().orElseThrow(() -> DomainException.notFound(none));
    }
}
