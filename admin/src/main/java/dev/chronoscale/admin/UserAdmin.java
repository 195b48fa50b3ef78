package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.domain.user.UserCommands.CreateUser;
import dev.chronoscale.domain.user.UserCommands.DeleteUser;
import dev.chronoscale.domain.user.RoleSource;
import dev.chronoscale.domain.user.UserCommands.RenameUser;
import dev.chronoscale.domain.user.UserCommands.SetUserRoles;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.util.Optional;
import java.util.Set;

/** User administration: the use cases behind {@code users ...} and {@code /api/v1/user}. */
public final class UserAdmin {

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final IdSequence ids;

    public UserAdmin(AuditedCommandSender commands, InventoryQueries inventory, IdSequence ids) {
        this.commands = commands;
        this.inventory = inventory;
        this.ids = ids;
    }

    public UserView create(String name, String displayName, String email, AuditContext audit) {
        return create(name, displayName, email, null, audit);
    }

    /** {@code pictureUrl}: Headscale's {@code users create -p}, an http or https URL; null or blank for none. */
    public UserView create(String name, String displayName, String email, String pictureUrl, AuditContext audit) {
        if (name != null && inventory.userByName(name).isPresent()) {
            throw DomainException.conflict("user name '" + name + "' is already in use");
        }
        long id = ids.next(IdSequence.Kind.USER);
        commands.send(new CreateUser(id, name, blankToNull(displayName), blankToNull(email), blankToNull(pictureUrl)), audit, "user " + id);
        return get(id);
    }

    public UserView get(long id) {
        return inventory.user(id).orElseThrow(() -> DomainException.notFound("user " + id + " not found"));
    }

    /** Finds a user by numeric id or by name, as the CLI's --user flag allows both. */
    public UserView resolve(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw DomainException.invalid("a user is required");
        }
        Optional<UserView> byName = inventory.userByName(idOrName);
        if (byName.isPresent()) {
            return byName.get();
        }
        if (idOrName.chars().allMatch(Character::isDigit) && idOrName.length() < 19) {
            return inventory.user(Long.parseLong(idOrName))
                    .orElseThrow(() -> DomainException.notFound("user '" + idOrName + "' not found"));
        }
        throw DomainException.notFound("user '" + idOrName + "' not found");
    }

    public UserView rename(long id, String newName, AuditContext audit) {
        get(id);
        commands.send(new RenameUser(id, newName), audit, "user " + id);
        return get(id);
    }

    /**
     * Refused while the user owns nodes, as Headscale refuses it; with {@code deleteNodes}, the user's nodes are
     * deleted first, each as its own recorded event.
     */
    public void delete(long id, boolean deleteNodes, AuditContext audit) {
        get(id);
        if (deleteNodes) {
            for (NodeView node : inventory.nodesOf(id)) {
                commands.send(new DeleteNode(node.id()), audit, "node " + node.id());
            }
        }
        commands.send(new DeleteUser(id, deleteNodes), audit, "user " + id);
    }

    /**
     * The roles {@code source} gives the user become exactly {@code roles}: an operator's change (CLI, API) replaces
     * the roles operators set and leaves the identity provider's; a login ({@link RoleSource#IDP}) the other way round.
     */
    public UserView setRoles(long id, Set<UserRole> roles, RoleSource source, AuditContext audit) {
        get(id);
        commands.send(new SetUserRoles(id, roles, source), audit, "user " + id);
        return get(id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
