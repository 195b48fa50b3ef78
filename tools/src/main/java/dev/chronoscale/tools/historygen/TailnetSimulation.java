package dev.chronoscale.tools.historygen;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.apikey.ApiKeyAggregate;
import dev.chronoscale.domain.apikey.ApiKeyCommands;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeAggregate;
import dev.chronoscale.domain.node.NodeCommands;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.policy.PolicyAggregate;
import dev.chronoscale.domain.policy.PolicyCommands;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyAggregate;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyDeleted;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.tailnet.TailnetAggregate;
import dev.chronoscale.domain.tailnet.TailnetCommands;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetConfigured;
import dev.chronoscale.domain.tailnet.TailnetSettings;
import dev.chronoscale.domain.user.UserAggregate;
import dev.chronoscale.domain.user.UserCommands;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A tailnet living through its history, one step at a time: users join, devices and servers register (with keys,
 * by login or from the CLI), sessions come and go, administrators rename, tag, approve routes, delete and rotate
 * keys, and the policy is edited every so often. It keeps just enough state that every event is one its aggregate
 * could have applied then: only live nodes, users and keys change, and names, keys and addresses are unique.
 */
final class TailnetSimulation {

    private static final String NODE = NodeAggregate.class.getSimpleName();
    private static final String USER = UserAggregate.class.getSimpleName();
    private static final String PREAUTH_KEY = PreAuthKeyAggregate.class.getSimpleName();
    private static final String API_KEY = ApiKeyAggregate.class.getSimpleName();
    private static final String POLICY = PolicyAggregate.class.getSimpleName();
    private static final String TAILNET = TailnetAggregate.class.getSimpleName();
    private static final Duration NODE_KEY_LIFETIME = Duration.ofDays(180);
    private static final Duration REUSABLE_KEY_LIFETIME = Duration.ofDays(90);
    private static final String[] DEVICES = {"macbook", "thinkpad", "iphone", "pixel", "desktop", "ipad", "surface"};
    private static final String[] SYSTEMS = {"macOS", "windows", "linux", "iOS", "android"};
    /** The administrator's user owns the servers' tagged keys and is never offboarded. */
    private static final long ADMIN_USER = 1;

    private record User(long id, String name, String email) {
    }

    private record Key(long id, long userId, Instant expiration) {
    }

    private final HistoryShape shape;
    private final Random random;
    private final TailnetIdentities identities;
    private final Map<Long, User> users = new HashMap<>();
    private final RandomPool<Long> userPool = new RandomPool<>();
    private final Map<Long, Set<Long>> nodesByUser = new HashMap<>();
    private final Map<Long, SimulatedNode> nodes = new HashMap<>();
    private final RandomPool<Long> nodePool = new RandomPool<>();
    private final RandomPool<Long> routers = new RandomPool<>();
    private final RandomPool<String> releasedMachines = new RandomPool<>();
    private final Map<Long, Key> reusableKeys = new HashMap<>();
    private final Map<String, Key> taggedKeys = new HashMap<>();
    private final RandomPool<Long> preAuthKeys = new RandomPool<>();
    private final Map<Long, Long> preAuthKeyOwners = new HashMap<>();
    private final RandomPool<Long> apiKeys = new RandomPool<>();
    private final Map<Long, String> apiKeyPrefixes = new HashMap<>();
    private long nextUser = 1;
    private long nextNode = 1;
    private long nextPreAuthKey = 1;
    private long nextApiKey = 1;
    private long policyVersion;
    private String policySha;
    private long nextPolicyAt;
    private long written;
    private AuditContext admin;
    private Instant now;

    TailnetSimulation(HistoryShape shape) {
        this.shape = shape;
        this.random = new Random(shape.seed());
        this.identities = new TailnetIdentities(random);
        this.nextPolicyAt = shape.events() / 50;
    }

    /** The events of the next step, all recorded at {@code at}. */
    List<SimulatedEvent> step(Instant at) {
        now = at;
        List<SimulatedEvent> events = new ArrayList<>();
        double progress = (double) written / shape.events();
        if (written == 0) {
            configure(events);
        } else if (users.size() < Math.ceil(shape.users() * Math.min(1, 0.05 + progress / 0.85))) {
            createUser(events);
        } else if (nodes.size() < shape.nodes() * Math.min(1, progress / 0.9) || nodes.isEmpty()) {
            register(events);
        } else if (written >= nextPolicyAt) {
            updatePolicy(events);
            nextPolicyAt += shape.events() / 100;
        } else {
            activity(events);
        }
        written += events.size();
        return events;
    }

    int liveNodes() {
        return nodes.size();
    }

    int liveUsers() {
        return users.size();
    }

    private void configure(List<SimulatedEvent> events) {
        events.add(new SimulatedEvent(TAILNET, TailnetCommands.AGGREGATE_ID, new TailnetConfigured(null,
                new TailnetSettings("100.64.0.0/10", "fd7a:115c:a1e0::/48", "sequential", true, "ts.example.com",
                        NODE_KEY_LIFETIME)), AuditContext.system("start-up configuration")));
        long key = nextApiKey++;
        String prefix = "cs" + identities.hex(8);
        admin = new AuditContext(ActorType.API_KEY, prefix, Optional.of("198.51.100.10"), Optional.empty());
        apiKeyPrefixes.put(key, prefix);
        events.add(new SimulatedEvent(API_KEY, ApiKeyCommands.aggregateId(key), new ApiKeyCreated(key, prefix,
                identities.hex(64), now.plus(Duration.ofDays(1000))), new AuditContext(ActorType.LOCAL_CLI, "root",
                Optional.empty(), Optional.empty())));
        apiKeys.add(key);
    }

    private void createUser(List<SimulatedEvent> events) {
        long id = nextUser++;
        String name = "user" + id;
        users.put(id, new User(id, name, name + "@example.com"));
        userPool.add(id);
        nodesByUser.put(id, new HashSet<>());
        events.add(new SimulatedEvent(USER, UserCommands.aggregateId(id),
                new UserCreated(id, name, "User " + id, name + "@example.com"), admin));
    }

    private void register(List<SimulatedEvent> events) {
        long id = nextNode++;
        int kind = random.nextInt(100);
        SimulatedNode.Kind type = kind < 75 ? SimulatedNode.Kind.DEVICE : kind < 97 ? SimulatedNode.Kind.SERVICE
                : SimulatedNode.Kind.ROUTER;
        Long userId = type == SimulatedNode.Kind.DEVICE ? userPool.pick(random).orElse(ADMIN_USER) : null;
        List<String> tags = switch (type) {
            case DEVICE -> List.of();
            case SERVICE -> List.of("tag:svc-" + random.nextInt(PolicyTexts.SERVICE_TAGS));
            case ROUTER -> List.of("tag:router");
        };
        String hostname = type == SimulatedNode.Kind.DEVICE
                ? DEVICES[random.nextInt(DEVICES.length)] + "-" + users.get(userId).name()
                : tags.get(0).substring("tag:".length()) + "-" + identities.hex(4);
        // A machine that was deleted comes back now and then: same machine key, new node.
        Optional<String> returning = random.nextInt(3) == 0 ? releasedMachines.pick(random) : Optional.empty();
        returning.ifPresent(releasedMachines::remove);
        String machineKey = returning.orElseGet(() -> identities.key("mkey:"));
        String[] addresses = identities.nextAddresses();
        SimulatedNode node = new SimulatedNode(id, type, machineKey, identities.key("nodekey:"), hostname,
                identities.claimName(hostname), userId, tags, addresses[0], addresses[1]);
        Key key = null;
        RegisterMethod method;
        if (type != SimulatedNode.Kind.DEVICE) {
            key = taggedKey(tags.get(0), events);
            method = RegisterMethod.AUTH_KEY;
        } else {
            int how = random.nextInt(10);
            if (how < 5) {
                method = RegisterMethod.OIDC;
            } else if (how < 7) {
                method = RegisterMethod.CLI;
            } else {
                // An administrator hands out a one-off key for this device, or the user's reusable key is used.
                key = how == 7 ? createPreAuthKey(userId, false, Duration.ofHours(1), List.of(), events)
                        : reusableKey(userId, events);
                method = RegisterMethod.AUTH_KEY;
            }
        }
        AuditContext self = nodeActor(id);
        Instant expiry = type == SimulatedNode.Kind.DEVICE ? now.plus(NODE_KEY_LIFETIME) : null;
        events.add(nodeEvent(id, new NodeRegistered(id, machineKey, node.nodeKey, userId, tags, hostname,
                node.givenName, node.ipv4, node.ipv6, expiry, false, key == null ? null : key.id(), method), self));
        if (key != null) {
            events.add(new SimulatedEvent(PREAUTH_KEY, PreAuthKeyCommands.aggregateId(key.id()),
                    new PreAuthKeyUsed(key.id(), id, now), self));
        }
        nodes.put(id, node);
        nodePool.add(id);
        if (userId != null) {
            nodesByUser.get(userId).add(id);
        }
        if (type == SimulatedNode.Kind.ROUTER) {
            routers.add(id);
        }
        node.clientMinor = clientMinor();
        events.add(clientReport(node));
        connect(node, events);
    }

    private void activity(List<SimulatedEvent> events) {
        SimulatedNode node = nodes.get(nodePool.pick(random).orElseThrow());
        int roll = random.nextInt(1000);
        if (roll < 420) {
            if (node.connected) {
                node.connected = false;
                events.add(nodeEvent(node.id, new NodeDisconnected(node.id), AuditContext.system("map session ended")));
            } else {
                connect(node, events);
            }
        } else if (roll < 800) {
            if (!node.connected) {
                connect(node, events);
            } else {
                events.add(reachability(node));
            }
        } else if (roll < 850) {
            node.clientMinor = Math.max(node.clientMinor, clientMinor());
            events.add(clientReport(node));
        } else if (roll < 890) {
            rotateKey(node, events);
        } else if (roll < 910) {
            rename(node, events);
        } else if (roll < 930) {
            retag(node, events);
        } else if (roll < 945) {
            routes(events);
        } else if (roll < 955) {
            if (node.kind == SimulatedNode.Kind.DEVICE) {
                events.add(nodeEvent(node.id, new NodeExpired(node.id, now), admin));
            } else {
                rotateKey(node, events);
            }
        } else if (roll < 963) {
            delete(node, events);
        } else if (roll < 985) {
            preAuthKeyChange(events);
        } else if (roll < 992) {
            apiKeyChange(events);
        } else if (roll < 997) {
            renameUser(events);
        } else {
            offboardUser(events);
        }
    }

    private void connect(SimulatedNode node, List<SimulatedEvent> events) {
        node.connected = true;
        events.add(nodeEvent(node.id, new NodeConnected(node.id), nodeActor(node.id)));
        if (random.nextBoolean()) {
            events.add(reachability(node));
        }
    }

    private SimulatedEvent reachability(SimulatedNode node) {
        List<String> endpoints = List.of("203.0." + random.nextInt(256) + "." + random.nextInt(256) + ":41641",
                "192.168." + random.nextInt(256) + "." + random.nextInt(256) + ":41641");
        return nodeEvent(node.id, new NodeReachabilityChanged(node.id, endpoints, 1 + random.nextInt(9),
                identities.key("discokey:")), nodeActor(node.id));
    }

    private SimulatedEvent clientReport(SimulatedNode node) {
        String os = node.kind == SimulatedNode.Kind.DEVICE ? SYSTEMS[(int) (node.id % SYSTEMS.length)] : "linux";
        List<String> hostKeys = os.equals("linux") ? List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + identities.hex(43))
                : List.of();
        return nodeEvent(node.id, new NodeClientReported(node.id, os, os.equals("linux") ? "6.1.0" : "14.2",
                "1." + node.clientMinor + ".0", node.kind == SimulatedNode.Kind.DEVICE ? node.hostname : "server",
                hostKeys, List.of()), nodeActor(node.id));
    }

    /** Clients move from 1.56 to about 1.80 over the history, with stragglers. */
    private int clientMinor() {
        return 56 + (int) (24.0 * written / shape.events()) - random.nextInt(3) * 2;
    }

    private void rotateKey(SimulatedNode node, List<SimulatedEvent> events) {
        String newKey = identities.key("nodekey:");
        events.add(nodeEvent(node.id, new NodeKeyRotated(node.id, node.nodeKey, newKey,
                node.kind == SimulatedNode.Kind.DEVICE ? now.plus(NODE_KEY_LIFETIME) : null), nodeActor(node.id)));
        node.nodeKey = newKey;
    }

    private void rename(SimulatedNode node, List<SimulatedEvent> events) {
        String newName = identities.claimName(node.hostname + "-" + (char) ('a' + random.nextInt(26)));
        identities.releaseName(node.givenName);
        events.add(nodeEvent(node.id, new NodeRenamed(node.id, node.givenName, newName), admin));
        node.givenName = newName;
    }

    private void retag(SimulatedNode node, List<SimulatedEvent> events) {
        List<String> newTags = switch (node.kind) {
            case DEVICE -> node.tags.isEmpty() ? List.of("tag:dev") : List.of();
            case SERVICE -> List.of("tag:svc-" + random.nextInt(PolicyTexts.SERVICE_TAGS));
            case ROUTER -> node.tags.size() == 1 ? List.of("tag:router", "tag:svc-0") : List.of("tag:router");
        };
        if (!newTags.equals(node.tags)) {
            events.add(nodeEvent(node.id, new NodeTagged(node.id, node.tags, newTags), admin));
            node.tags = newTags;
        }
    }

    /** A router advertises a changed set of subnets; an administrator approves what it advertises. */
    private void routes(List<SimulatedEvent> events) {
        Optional<SimulatedNode> router = routers.pick(random).map(nodes::get);
        if (router.isEmpty()) {
            return;
        }
        SimulatedNode node = router.get();
        if (!node.advertisedRoutes.equals(node.approvedRoutes)) {
            events.add(nodeEvent(node.id, new NodeRoutesApproved(node.id, node.approvedRoutes, node.advertisedRoutes), admin));
            node.approvedRoutes = node.advertisedRoutes;
            return;
        }
        List<String> routes = new ArrayList<>(List.of("10." + (node.id % PolicyTexts.SUBNETS) + ".0.0/16"));
        if (random.nextInt(3) == 0) {
            routes.add("172.16." + random.nextInt(256) + ".0/24");
        }
        if (!routes.equals(node.advertisedRoutes)) {
            events.add(nodeEvent(node.id, new NodeRoutesAdvertised(node.id, node.advertisedRoutes, List.copyOf(routes)),
                    nodeActor(node.id)));
            node.advertisedRoutes = List.copyOf(routes);
        }
    }

    private void delete(SimulatedNode node, List<SimulatedEvent> events) {
        events.add(nodeEvent(node.id, new NodeDeleted(node.id, node.givenName, node.ipv4, node.ipv6), admin));
        identities.releaseName(node.givenName);
        nodes.remove(node.id);
        nodePool.remove(node.id);
        routers.remove(node.id);
        if (node.userId != null) {
            nodesByUser.get(node.userId).remove(node.id);
        }
        releasedMachines.add(node.machineKey);
    }

    private void preAuthKeyChange(List<SimulatedEvent> events) {
        int what = random.nextInt(3);
        Optional<Long> existing = preAuthKeys.pick(random);
        if (what == 0 || existing.isEmpty()) {
            createPreAuthKey(userPool.pick(random).orElse(ADMIN_USER), false, Duration.ofDays(1), List.of(), events);
        } else if (what == 1) {
            events.add(new SimulatedEvent(PREAUTH_KEY, PreAuthKeyCommands.aggregateId(existing.get()),
                    new PreAuthKeyExpired(existing.get(), now), admin));
            forgetPreAuthKey(existing.get(), false);
        } else {
            events.add(new SimulatedEvent(PREAUTH_KEY, PreAuthKeyCommands.aggregateId(existing.get()),
                    new PreAuthKeyDeleted(existing.get()), admin));
            forgetPreAuthKey(existing.get(), true);
        }
    }

    private void apiKeyChange(List<SimulatedEvent> events) {
        int what = random.nextInt(3);
        Optional<Long> existing = apiKeys.pick(random);
        if (what == 0 || apiKeys.size() < 2) {
            long id = nextApiKey++;
            String prefix = "cs" + identities.hex(8);
            events.add(new SimulatedEvent(API_KEY, ApiKeyCommands.aggregateId(id), new ApiKeyCreated(id, prefix,
                    identities.hex(64), now.plus(Duration.ofDays(90))), admin));
            apiKeys.add(id);
            apiKeyPrefixes.put(id, prefix);
        } else if (what == 1) {
            events.add(new SimulatedEvent(API_KEY, ApiKeyCommands.aggregateId(existing.get()),
                    new ApiKeyExpired(existing.get(), now), admin));
        } else if (existing.get() != 1) {
            events.add(new SimulatedEvent(API_KEY, ApiKeyCommands.aggregateId(existing.get()),
                    new ApiKeyDeleted(existing.get(), apiKeyPrefixes.remove(existing.get())), admin));
            apiKeys.remove(existing.get());
        }
    }

    private void renameUser(List<SimulatedEvent> events) {
        User user = users.get(userPool.pick(random).orElseThrow());
        String newName = "user" + user.id() + "-" + identities.hex(3);
        events.add(new SimulatedEvent(USER, UserCommands.aggregateId(user.id()),
                new UserRenamed(user.id(), user.name(), newName), admin));
        users.put(user.id(), new User(user.id(), newName, user.email()));
    }

    /** Someone leaves: their devices and keys are deleted first, then the user. */
    private void offboardUser(List<SimulatedEvent> events) {
        User user = users.get(userPool.pick(random).orElseThrow());
        if (user.id() == ADMIN_USER) {
            return;
        }
        for (Long node : List.copyOf(nodesByUser.get(user.id()))) {
            delete(nodes.get(node), events);
        }
        for (Long key : preAuthKeys.items()) {
            if (preAuthKeyOwners.get(key) == user.id()) {
                events.add(new SimulatedEvent(PREAUTH_KEY, PreAuthKeyCommands.aggregateId(key), new PreAuthKeyDeleted(key), admin));
                forgetPreAuthKey(key, true);
            }
        }
        events.add(new SimulatedEvent(USER, UserCommands.aggregateId(user.id()),
                new UserDeleted(user.id(), user.name(), false), admin));
        users.remove(user.id());
        userPool.remove(user.id());
        nodesByUser.remove(user.id());
    }

    private void updatePolicy(List<SimulatedEvent> events) {
        policyVersion++;
        List<String> emails = userPool.items().stream().sorted().map(id -> users.get(id).email()).toList();
        String text = PolicyTexts.render(policyVersion, emails);
        String sha = sha256(text);
        events.add(new SimulatedEvent(POLICY, PolicyCommands.AGGREGATE_ID,
                new PolicyUpdated(policyVersion, text, sha, policySha), admin));
        policySha = sha;
    }

    private Key reusableKey(long user, List<SimulatedEvent> events) {
        Key key = reusableKeys.get(user);
        if (key == null || !key.expiration().isAfter(now)) {
            key = createPreAuthKey(user, true, REUSABLE_KEY_LIFETIME, List.of(), events);
            reusableKeys.put(user, key);
        }
        return key;
    }

    private Key taggedKey(String tag, List<SimulatedEvent> events) {
        Key key = taggedKeys.get(tag);
        if (key == null || !key.expiration().isAfter(now)) {
            key = createPreAuthKey(ADMIN_USER, true, REUSABLE_KEY_LIFETIME, List.of(tag), events);
            taggedKeys.put(tag, key);
        }
        return key;
    }

    private Key createPreAuthKey(long user, boolean reusable, Duration lifetime, List<String> tags,
                                 List<SimulatedEvent> events) {
        long id = nextPreAuthKey++;
        Key key = new Key(id, user, now.plus(lifetime));
        events.add(new SimulatedEvent(PREAUTH_KEY, PreAuthKeyCommands.aggregateId(id), new PreAuthKeyCreated(id, user,
                "hskey-auth-" + identities.hex(12), identities.hex(64), reusable, false, key.expiration(), tags), admin));
        preAuthKeys.add(id);
        preAuthKeyOwners.put(id, user);
        return key;
    }

    private void forgetPreAuthKey(long id, boolean deleted) {
        reusableKeys.values().removeIf(key -> key.id() == id);
        taggedKeys.values().removeIf(key -> key.id() == id);
        if (deleted) {
            preAuthKeys.remove(id);
            preAuthKeyOwners.remove(id);
        }
    }

    private AuditContext nodeActor(long node) {
        return new AuditContext(ActorType.NODE, Long.toString(node), Optional.empty(), Optional.empty());
    }

    private static SimulatedEvent nodeEvent(long node, DomainEvent event, AuditContext actor) {
        return new SimulatedEvent(NODE, NodeCommands.aggregateId(node), event, actor);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
