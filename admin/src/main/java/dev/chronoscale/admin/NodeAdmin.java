package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.NodeCommands.ApproveNode;
import dev.chronoscale.domain.node.NodeCommands.ApproveRoutes;
import dev.chronoscale.domain.node.NodeCommands.RefuseNode;
import dev.chronoscale.domain.node.NodeCommands.BackfillAddresses;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.domain.node.NodeCommands.ExpireNode;
import dev.chronoscale.domain.node.NodeCommands.MoveNode;
import dev.chronoscale.domain.node.NodeCommands.RenameNode;
import dev.chronoscale.domain.node.NodeCommands.TagNode;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Node administration: the use cases behind {@code nodes ...} and {@code /api/v1/node}. */
public final class NodeAdmin {

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final Clock clock;

    public NodeAdmin(AuditedCommandSender commands, InventoryQueries inventory, Clock clock) {
        this.commands = commands;
        this.inventory = inventory;
        this.clock = clock;
    }

    public List<NodeView> list(Optional<String> userName) {
        return new InventoryReads(inventory).nodes(userName);
    }

    public NodeView get(long id) {
        return new InventoryReads(inventory).node(id);
    }

    /** Sets the expiry: {@code at} empty means now; {@code disable} removes the expiry altogether. */
    public NodeView expire(long id, Optional<Instant> at, boolean disable, AuditContext audit) {
        if (disable && at.isPresent()) {
            throw DomainException.invalid("cannot set both disable_expiry and expiry");
        }
        get(id);
        Instant expiry = disable ? null : at.orElseGet(clock::instant);
        commands.send(new ExpireNode(id, expiry), audit, "node " + id);
        return get(id);
    }

    public NodeView rename(long id, String newName, AuditContext audit) {
        get(id);
        commands.send(new RenameNode(id, newName), audit, "node " + id);
        return get(id);
    }

    /** Gives the node to another user; a tagged node is refused, and moving it to its own user records nothing. */
    public NodeView move(long id, long userId, AuditContext audit) {
        get(id);
        if (inventory.user(userId).isEmpty()) {
            throw DomainException.notFound("user " + userId + " not found");
        }
        commands.send(new MoveNode(id, userId), audit, "node " + id);
        return get(id);
    }

    /**
     * Gives every node an address of each configured family it has none of, each node its own command and event, and
     * says what was assigned as Headscale does ({@code assigned IPv6 "fd7a:115c:a1e0::3" to Node(3) "laptop"}).
     */
    public List<String> backfillAddresses(AuditContext audit) {
        List<String> changes = new ArrayList<>();
        for (NodeView before : inventory.nodes()) {
            commands.send(new BackfillAddresses(before.id()), audit, "node " + before.id());
            NodeView after = get(before.id());
            assigned("IPv4", before.ipv4(), after.ipv4(), after).ifPresent(changes::add);
            assigned("IPv6", before.ipv6(), after.ipv6(), after).ifPresent(changes::add);
        }
        return changes;
    }

    private static Optional<String> assigned(String family, Optional<String> before, Optional<String> after, NodeView node) {
        if (before.isPresent() || after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("assigned " + family + " " + quoted(after.get()) + " to Node(" + node.id() + ") "
                + quoted(node.hostname()));
    }

    /** Go's %q, for the characters a host name may hold. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    public void delete(long id, AuditContext audit) {
        get(id);
        commands.send(new DeleteNode(id), audit, "node " + id);
    }

    public NodeView tag(long id, List<String> tags, AuditContext audit) {
        if (tags == null || tags.isEmpty()) {
            throw DomainException.invalid("cannot remove all tags from a node - tagged nodes must have at least one tag");
        }
        get(id);
        commands.send(new TagNode(id, tags), audit, "node " + id);
        return get(id);
    }

    /** Approving one exit route (0.0.0.0/0 or ::/0) approves both, as Tailscale treats them as one. */
    public NodeView approveRoutes(long id, List<String> routes, AuditContext audit) {
        get(id);
        List<String> approved = new ArrayList<>(routes == null ? List.of() : routes);
        if (approved.contains("0.0.0.0/0") && !approved.contains("::/0")) {
            approved.add("::/0");
        } else if (approved.contains("::/0") && !approved.contains("0.0.0.0/0")) {
            approved.add("0.0.0.0/0");
        }
        commands.send(new ApproveRoutes(id, approved), audit, "node " + id);
        return get(id);
    }

    /** The nodes in one state of device approval ({@code nodes list --pending}). */
    public List<NodeView> list(Optional<String> userName, NodeApproval approval) {
        return list(userName).stream().filter(node -> node.approval() == approval).toList();
    }

    /** Lets a pending node into the tailnet; the approver is {@code audit}'s actor. */
    public NodeView approve(long id, String reason, AuditContext audit) {
        get(id);
        commands.send(new ApproveNode(id, reason), audit, "node " + id);
        return get(id);
    }

    /** Refuses a pending node: it stays recorded and receives nothing until it is deleted. */
    public NodeView refuse(long id, String reason, AuditContext audit) {
        get(id);
        commands.send(new RefuseNode(id, reason), audit, "node " + id);
        return get(id);
    }

    public Instant now() {
        return clock.instant();
    }
}
