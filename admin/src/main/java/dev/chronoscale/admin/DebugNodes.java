package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.AdvertiseRoutes;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.node.Routes;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.gateway.register.PendingRegistrations;
import dev.chronoscale.gateway.register.PendingRegistrations.Decision;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Headscale's {@code debug create-node}: a registration that waits under a registration ID, as an interactive login
 * does, for {@code nodes register --key ID --user NAME} (or {@code auth register}) to admit it. No client stands behind
 * it: its machine and node keys are random public keys whose private halves exist nowhere, so the node it becomes is
 * listed, addressed and named like any other but never connects. A debugging aid for trying commands on a tailnet.
 */
public final class DebugNodes {

    /** A pending node nobody registered within this time is forgotten, as an abandoned interactive login is. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    /** What {@code create} put up for registration; {@code userId} is the owner named then, until a decision names one. */
    public record PendingNode(String authId, String machineKey, String nodeKey, String hostname, long userId,
                              List<String> routes, Instant openedAt) {
    }

    private final PendingRegistrations pending;
    private final UserAdmin users;
    private final AuditedCommandSender commands;
    private final IdSequence ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> opened = new ConcurrentHashMap<>();

    public DebugNodes(PendingRegistrations pending, UserAdmin users, AuditedCommandSender commands, IdSequence ids, Clock clock) {
        this.pending = pending;
        this.users = users;
        this.commands = commands;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Puts a node up for registration under {@code key}: Headscale 0.26's registration ID (24 characters) or an
     * {@code hskey-authreq-} auth id. The user must exist; the one the registering command names becomes the owner.
     */
    public PendingNode create(String key, String hostname, String user, List<String> routes) {
        String authId = PendingRegistrations.authId(key);
        if (hostname == null || hostname.isBlank()) {
            throw DomainException.invalid("name is required");
        }
        UserView owner = users.resolve(user);
        List<String> advertised = Routes.normalize(routes == null ? List.of() : routes);
        Instant now = clock.instant();
        forgetAbandoned(now);
        if (pending.isPending(authId)) {
            throw DomainException.conflict("a registration with the key " + key + " is already waiting");
        }
        PendingNode node = new PendingNode(authId, randomKey("mkey:"), randomKey("nodekey:"), hostname, owner.id(),
                advertised, now);
        opened.put(authId, now);
        pending.await(authId, new PendingRegistrations.Waiter() {
            @Override
            public PendingRegistrations.Outcome decided(Decision decision) {
                return switch (decision) {
                    case Decision.Approved approved -> {
                        opened.remove(authId);
                        yield new PendingRegistrations.Outcome.Registered(register(node, approved.userId(), approved.by()));
                    }
                    case Decision.Rejected rejected -> {
                        opened.remove(authId);
                        yield new PendingRegistrations.Outcome.NotRegistered("the registration was rejected");
                    }
                    case Decision.Authenticated person -> {
                        pending.await(authId, this);
                        throw DomainException.invalid("a debug node has no client to log in through the identity provider");
                    }
                    case Decision.Confirmed confirmed -> {
                        // Nothing is registered yet to re-authenticate: it keeps waiting for an owner.
                        pending.await(authId, this);
                        throw DomainException.invalid("this node is not registered yet: register it to a user");
                    }
                };
            }
        });
        return node;
    }

    private long register(PendingNode node, long userId, AuditContext by) {
        long id = ids.next(IdSequence.Kind.NODE);
        commands.send(new RegisterNode(id, node.machineKey(), node.nodeKey(), userId, List.of(), node.hostname(), null,
                false, null, RegisterMethod.CLI), by, "node " + id);
        if (!node.routes().isEmpty()) {
            commands.send(new AdvertiseRoutes(id, node.routes()), by, "node " + id);
        }
        return id;
    }

    private void forgetAbandoned(Instant now) {
        opened.entrySet().removeIf(entry -> {
            boolean abandoned = entry.getValue().plus(ABANDONED_AFTER).isBefore(now);
            if (abandoned) {
                pending.forget(entry.getKey());
            }
            return abandoned;
        });
    }

    private String randomKey(String prefix) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return prefix + HexFormat.of().formatHex(key);
    }
}
