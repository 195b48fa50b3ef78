package dev.chronoscale.gateway.register;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.domain.node.NodeCommands.ExpireNode;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.NodeCommands.RotateNodeKey;
import dev.chronoscale.domain.node.NodeKeys;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.UsePreAuthKey;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.register.PendingRegistrations.Decision;
import dev.chronoscale.gateway.register.PendingRegistrations.Outcome;
import dev.chronoscale.gateway.ts2021.NodeActor;
import dev.chronoscale.gateway.map.NodeRenderer;
import dev.chronoscale.tailcfg.CapabilityVersion;
import dev.chronoscale.tailcfg.RegisterRequest;
import dev.chronoscale.tailcfg.RegisterResponse;
import dev.chronoscale.tailcfg.TailcfgJson;
import dev.chronoscale.gateway.ts2021.AuthenticatedMachine;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import org.springframework.dao.DataIntegrityViolationException;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /machine/register}: decides what a RegisterRequest means, in Headscale's order —
 * logout, key rotation, a known node reconnecting, a follow-up waiting for an administrator, a
 * pre-auth key, else a new interactive login — and carries it out with commands that have the node
 * as actor. Every refusal is a {@code RegisterResponse.Error}; this is the one place that maps
 * failures to it. The machine key always comes from the Noise handshake, never from the request.
 */
public final class NodeRegistrar {

    private static final int CLAIM_CLASH_ATTEMPTS = 5;

    private final InventoryQueries inventory;
    private final PreAuthKeyCheck preAuthKeys;
    private final IdSequence ids;
    private final AuditedCommandSender commands;
    private final InteractiveLogins logins;
    private final Clock clock;
    private final Duration nodeExpiry;
    private final DeviceApproval approval;
    private final Object registrationLock = new Object();

    public NodeRegistrar(InventoryQueries inventory, PreAuthKeyCheck preAuthKeys, IdSequence ids,
                         AuditedCommandSender commands, InteractiveLogins logins, Clock clock, Duration nodeExpiry,
                         DeviceApproval approval) {
        this.inventory = inventory;
        this.preAuthKeys = preAuthKeys;
        this.ids = ids;
        this.commands = commands;
        this.logins = logins;
        this.clock = clock;
        this.nodeExpiry = nodeExpiry;
        this.approval = approval;
        logins.completeWith(this::carryOut);
    }

    /** Completes with the response; a follow-up completes only when an administrator has decided. */
    public CompletableFuture<RegisterResponse> register(AuthenticatedMachine machine, RegisterRequest request) {
        try {
            return decide(machine, request);
        } catch (DomainException refused) {
            return CompletableFuture.completedFuture(RegisterResponse.failed(refused.getMessage()));
        }
    }

    private CompletableFuture<RegisterResponse> decide(AuthenticatedMachine machine, RegisterRequest request) {
        if (!CapabilityVersion.isSupported(request.version())) {
            throw DomainException.invalid("client version too old (capability version " + request.version()
                    + "): this server needs Tailscale " + CapabilityVersion.MINIMUM_RELEASE + " or newer");
        }
        NodeKeys.nodeKey(request.nodeKey());
        String machineKey = machine.machineKey().text();
        Instant now = clock.instant();
        Optional<NodeView> known = inventory.nodeByMachineKey(machineKey);

        if (request.isLogout(now)) {
            return done(logout(known.filter(n -> n.nodeKey().equals(request.nodeKey())), machine, now));
        }
        if (request.isRotating() && known.filter(n -> n.nodeKey().equals(request.oldNodeKey()))
                .filter(n -> !n.isExpired(now)).isPresent() && !request.hasAuthKey()) {
            NodeView node = known.get();
            commands.send(new RotateNodeKey(node.id(), request.oldNodeKey(), request.nodeKey(), node.expiry().orElse(null)),
                    NodeActor.of(node.id(), machine, "node key rotation"), "node " + node.id());
            return done(authorized(node));
        }
        Optional<NodeView> sameKey = known.filter(n -> n.nodeKey().equals(request.nodeKey()));
        if (sameKey.isPresent() && !request.hasAuthKey() && !request.hasFollowup()) {
            return done(sameKey.get().isExpired(now) ? RegisterResponse.keyExpired() : authorized(sameKey.get()));
        }
        if (request.hasFollowup()) {
            return logins.find(request.followup(), machineKey)
                    .map(login -> logins.outcome(login, this::visibleHere).thenApply(outcome -> {
                        logins.finished(login);
                        return response(outcome);
                    }))
                    .orElseGet(() -> done(RegisterResponse.loginAt(beginLogin(machine, request))));
        }
        if (request.hasAuthKey()) {
            PreAuthKeyView key = preAuthKeys.authenticate(request.auth().authKey());
            return done(authorized(admit(machine, request, known, key.userId().orElse(null), key.aclTags(), key.ephemeral(),
                    Optional.of(key), RegisterMethod.AUTH_KEY, "pre-auth key " + key.prefix(), expiryFor(request, clock.instant()))));
        }
        return done(RegisterResponse.loginAt(beginLogin(machine, request)));
    }

    private String beginLogin(AuthenticatedMachine machine, RegisterRequest request) {
        return logins.begin(machine.machineKey().text(), request, NodeActor.remoteAddress(machine));
    }

    /** What the follow-up is answered once its login is decided. */
    private RegisterResponse response(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Registered registered -> inventory.node(registered.nodeId()).map(this::authorized)
                    .orElseGet(() -> RegisterResponse.failed("node " + registered.nodeId() + " not found"));
            case Outcome.NotRegistered refused -> RegisterResponse.failed(refused.reason());
        };
    }

    /** A node registered by another instance is answered once this instance's inventory shows it. */
    private boolean visibleHere(Outcome outcome) {
        return !(outcome instanceof Outcome.Registered registered) || inventory.node(registered.nodeId()).isPresent();
    }

    /**
     * Carries out a decision on a stored login, on whichever instance it was made: the machine is the one that opened
     * the login (its key and address as they were then), the request the one it sent.
     */
    private Outcome carryOut(InteractiveLogins.PendingLogin login, Decision decision) {
        RegisterRequest request = login.request();
        AuthenticatedMachine machine = new AuthenticatedMachine(MachinePublicKey.parse(login.machineKey()), request.version(),
                login.remoteAddress().map(address -> new InetSocketAddress(address, 0)).orElse(null));
        try {
            Optional<NodeView> known = inventory.nodeByMachineKey(login.machineKey());
            return switch (decision) {
                case Decision.Approved approved -> registered(admit(machine, request, known, approved.userId(), List.of(),
                        false, Optional.empty(), RegisterMethod.CLI, "interactive login approved by " + who(approved),
                        expiryFor(request, clock.instant())));
                case Decision.Confirmed confirmed -> known
                        .map(node -> registered(admit(machine, request, known, node.userId().orElse(null), node.tags(),
                                node.ephemeral(), Optional.empty(), RegisterMethod.CLI,
                                "re-authentication approved by " + who(confirmed), expiryFor(request, clock.instant()))))
                        .orElseGet(() -> notRegistered("this machine is not registered yet: an administrator "
                                + "must register it to a user"));
                case Decision.Rejected rejected -> notRegistered("login rejected by an administrator");
                case Decision.Authenticated person -> {
                    if (known.isPresent() && !known.get().userId().equals(Optional.of(person.userId()))) {
                        yield notRegistered("this machine is registered to another user: log in as its owner, or "
                                + "an administrator must move or delete it first");
                    }
                    yield registered(admit(machine, request, known, person.userId(), List.of(), false, Optional.empty(),
                            RegisterMethod.OIDC, "OIDC login", person.expiry().orElse(null), Optional.of(person.by())));
                }
            };
        } catch (DomainException refused) {
            return notRegistered(refused.getMessage());
        }
    }

    private static Outcome registered(NodeView node) {
        return new Outcome.Registered(node.id());
    }

    private static Outcome notRegistered(String reason) {
        return new Outcome.NotRegistered(reason);
    }

    /**
     * Lets the machine in: a new node (owned by its tags when it has any, else by {@code userId}; pending when
     * {@link DeviceApproval} says it awaits approval), or — for a machine already registered — the known node
     * with its new node key and a fresh expiry (re-login after logout or expiry), approved, pending or refused as
     * it was. {@code expiry} null: never expires.
     */
    private NodeView admit(AuthenticatedMachine machine, RegisterRequest request, Optional<NodeView> known,
                                   Long userId, List<String> tags, boolean ephemeralKey, Optional<PreAuthKeyView> key,
                                   RegisterMethod method, String reason, Instant expiry) {
        return admit(machine, request, known, userId, tags, ephemeralKey, key, method, reason, expiry, Optional.empty());
    }

    /** As above; {@code person}, when given, is the actor of the node's events (the person who logged in), else the node. */
    private NodeView admit(AuthenticatedMachine machine, RegisterRequest request, Optional<NodeView> known,
                           Long userId, List<String> tags, boolean ephemeralKey, Optional<PreAuthKeyView> key,
                           RegisterMethod method, String reason, Instant expiry, Optional<AuditContext> person) {
        Instant now = clock.instant();
        if (known.isPresent()) {
            NodeView node = known.get();
            AuditContext audit = person.map(p -> p.withReason("re-login with " + reason))
                    .orElseGet(() -> NodeActor.of(node.id(), machine, "re-login with " + reason));
            key.ifPresent(k -> consume(k, node.id(), now, audit));
            if (!node.nodeKey().equals(request.nodeKey())) {
                commands.send(new RotateNodeKey(node.id(), node.nodeKey(), request.nodeKey(), expiry), audit, "node " + node.id());
            } else if (node.isExpired(now) || !node.expiry().equals(Optional.ofNullable(expiry))) {
                commands.send(new ExpireNode(node.id(), expiry), audit, "node " + node.id());
            }
            return inventory.node(node.id()).orElse(node);
        }
        long nodeId = ids.next(IdSequence.Kind.NODE);
        AuditContext audit = person.map(p -> p.withReason("registration with " + reason))
                .orElseGet(() -> NodeActor.of(nodeId, machine, "registration with " + reason));
        key.ifPresent(k -> consume(k, nodeId, now, audit));
        boolean taggedOnly = !tags.isEmpty();
        registerNode(new RegisterNode(nodeId, machine.machineKey().text(), request.nodeKey(), taggedOnly ? null : userId,
                tags, request.hostname(), expiry, ephemeralKey || request.ephemeral(), key.map(PreAuthKeyView::id).orElse(null),
                method, approval.awaitsApproval(key)), audit);
        return inventory.node(nodeId).orElseThrow(() -> DomainException.notFound("node " + nodeId + " not found"));
    }

    /**
     * Marks the key used. A single-use key's aggregate refuses a second use, even from a racing
     * registration. A reusable key is recorded at its first use only: every use would serialize all
     * registrations with it on one aggregate that grows by an event per node; the node's own
     * {@code NodeRegistered} names the key it came with.
     */
    private void consume(PreAuthKeyView key, long nodeId, Instant now, AuditContext audit) {
        if (!key.reusable() || !key.used()) {
            commands.send(new UsePreAuthKey(key.id(), nodeId, now), audit, "pre-auth key " + key.id());
        }
    }

    /**
     * Registrations pick the next free address and name from a snapshot of the claims, so two at
     * once would pick the same and the second would fail on the claim's primary key. One at a time
     * on this instance; a rare clash with another instance is tried again with a fresh snapshot.
     */
    private void registerNode(RegisterNode command, AuditContext audit) {
        for (int attempt = 1; ; attempt++) {
            try {
                synchronized (registrationLock) {
                    commands.send(command, audit, "node " + command.nodeId());
                }
                return;
            } catch (DataIntegrityViolationException clash) {
                if (attempt == CLAIM_CLASH_ATTEMPTS) {
                    throw clash;
                }
            }
        }
    }

    /** The administrator behind a decision, for the reason recorded on the node's events. */
    private static String who(Decision decision) {
        AuditContext by = decision.by();
        return by.actorType() + " " + by.actorId() + by.remoteAddress().map(a -> " from " + a).orElse("");
    }

    private RegisterResponse logout(Optional<NodeView> node, AuthenticatedMachine machine, Instant now) {
        node.ifPresent(n -> {
            AuditContext audit = NodeActor.of(n.id(), machine, "logout");
            commands.send(n.ephemeral() ? new DeleteNode(n.id()) : new ExpireNode(n.id(), now), audit, "node " + n.id());
        });
        return RegisterResponse.keyExpired();
    }

    /** The expiry the client asked for, if in the future; else the configured node expiry (0 = never). */
    private Instant expiryFor(RegisterRequest request, Instant now) {
        if (!TailcfgJson.isZero(request.expiry()) && request.expiry().isAfter(now)) {
            return request.expiry();
        }
        return nodeExpiry.isZero() ? null : now.plus(nodeExpiry);
    }

    private RegisterResponse authorized(NodeView node) {
        if (node.userId().isEmpty()) {
            return authorized(node,
                    new RegisterResponse.User(NodeRenderer.TAGGED_DEVICES_USER_ID, "tagged-devices", "", node.createdAt()),
                    new RegisterResponse.Login(NodeRenderer.TAGGED_DEVICES_USER_ID, "", "tagged-devices", "tagged-devices", ""));
        }
        UserView user = inventory.user(node.userId().get())
                .orElseThrow(() -> DomainException.notFound("user " + node.userId().get() + " not found"));
        String shown = user.displayName() == null || user.displayName().isBlank() ? user.name() : user.displayName();
        String login = user.email() == null || user.email().isBlank() ? user.name() : user.email();
        String picture = user.profilePicUrl() == null ? "" : user.profilePicUrl();
        return authorized(node, new RegisterResponse.User(user.id(), shown, picture, user.createdAt()),
                new RegisterResponse.Login(user.id(), "", login, shown, picture));
    }

    private static RegisterResponse authorized(NodeView node, RegisterResponse.User user, RegisterResponse.Login login) {
        return node.approval().isApproved() ? RegisterResponse.authorized(user, login)
                : RegisterResponse.awaitingApproval(user, login);
    }

    private static CompletableFuture<RegisterResponse> done(RegisterResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
