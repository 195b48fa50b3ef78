package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetUser;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The in-memory netmap: every node and user peers need to know about, kept current by
 * {@link NetmapProjection} from the event stream. Each change is applied and handed to the
 * listeners under one lock, so a reader that registers interest inside {@link #read} sees a
 * consistent state and then every later change exactly once, in order. The mutators are public for
 * {@link NetmapProjection} and for tests; nothing else should call them.
 */
public final class Netmap {

    private static final System.Logger LOG = System.getLogger(Netmap.class.getName());

    private final Object lock = new Object();
    private final Map<Long, NetmapNode> nodes = new HashMap<>();
    private final Map<String, Long> idsByNodeKey = new HashMap<>();
    private final Map<Long, NetmapUser> users = new HashMap<>();
    private final Map<String, List<CompletableFuture<NetmapNode>>> waitingForKey = new HashMap<>();
    /** Callers waiting for the netmap to reach a position in the event log, by that position. */
    private final TreeMap<Long, List<CompletableFuture<Void>>> waitingForPosition = new TreeMap<>();
    private long position = -1;
    private final List<NetmapListener> listeners = new CopyOnWriteArrayList<>();
    private final NetmapView view = new LockedView();
    /** What the policy in force decides for each node; holds no policy until the first PolicyUpdated. */
    private final PolicyNetmaps policyNetmaps;

    /** A netmap whose SSH {@code check} actions call back to a placeholder URL (tests). */
    public Netmap() {
        this(new NetmapCompiler("http://localhost"));
    }

    public Netmap(NetmapCompiler compiler) {
        this(new PolicyNetmaps(compiler));
    }

    private Netmap(PolicyNetmaps policyNetmaps) {
        this.policyNetmaps = policyNetmaps;
    }

    /**
     * A netmap nobody streams from, such as one replayed to an instant of the past: each node's policy netmap is cut
     * when it is read, not every node's at each change, and listeners are told of no policy change.
     */
    public static Netmap derivingOnDemand(NetmapCompiler compiler) {
        return new Netmap(PolicyNetmaps.derivingOnDemand(compiler));
    }

    public <T> T read(Function<NetmapView, T> reader) {
        synchronized (lock) {
            return reader.apply(view);
        }
    }

    /**
     * The nodes and users as the policy compiler sees them: the tailnet the policy in force is compiled
     * against, and so the one a new policy's tests are run against.
     */
    public Tailnet tailnet() {
        synchronized (lock) {
            return policyNetmaps.tailnet();
        }
    }

    /** The policy in force, if one has been set. */
    public Optional<Policy> policy() {
        synchronized (lock) {
            return policyNetmaps.policy();
        }
    }

    public void addListener(NetmapListener listener) {
        listeners.add(listener);
    }

    /**
     * Completes once a node holding {@code nodeKey} is in the netmap (at once if it already is). The
     * netmap trails the event store slightly; a client that has just registered may ask for its map
     * before the netmap has seen the registration.
     */
    public CompletableFuture<NetmapNode> whenKnown(String nodeKey) {
        synchronized (lock) {
            Optional<NetmapNode> known = view.nodeByKey(nodeKey);
            if (known.isPresent()) {
                return CompletableFuture.completedFuture(known.get());
            }
            CompletableFuture<NetmapNode> waiter = new CompletableFuture<>();
            waitingForKey.computeIfAbsent(nodeKey, k -> new ArrayList<>()).add(waiter);
            waiter.whenComplete((node, failure) -> {
                if (failure != null) {
                    synchronized (lock) {
                        List<CompletableFuture<NetmapNode>> waiters = waitingForKey.get(nodeKey);
                        if (waiters != null) {
                            waiters.remove(waiter);
                        }
                    }
                }
            });
            return waiter;
        }
    }

    /**
     * Completes once the netmap has applied the event log up to {@code globalIndex} (at once if it
     * already has): a map built after that shows every change committed before it.
     */
    public CompletableFuture<Void> whenAt(long globalIndex) {
        synchronized (lock) {
            if (position >= globalIndex) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            waitingForPosition.computeIfAbsent(globalIndex, k -> new ArrayList<>()).add(waiter);
            return waiter;
        }
    }

    /** The projection has applied the event at this position of the log. */
    public void processed(long globalIndex) {
        List<CompletableFuture<Void>> reached = new ArrayList<>();
        synchronized (lock) {
            position = Math.max(position, globalIndex);
            Map<Long, List<CompletableFuture<Void>>> due = waitingForPosition.headMap(position, true);
            due.values().forEach(reached::addAll);
            due.clear();
        }
        reached.forEach(w -> w.complete(null));
    }

    public void joined(NetmapNode node) {
        List<CompletableFuture<NetmapNode>> waiters;
        synchronized (lock) {
            nodes.put(node.id(), node);
            idsByNodeKey.put(node.nodeKey(), node.id());
            waiters = waitingForKey.remove(node.nodeKey());
            notifyListeners(new NetmapChange.Joined(node));
            policyNodeChanged(node);
        }
        complete(waiters, node);
    }

    public void updated(long nodeId, UnaryOperator<NetmapNode> change) {
        List<CompletableFuture<NetmapNode>> waiters = null;
        NetmapNode after;
        synchronized (lock) {
            NetmapNode before = nodes.get(nodeId);
            if (before == null) {
                return;
            }
            after = change.apply(before);
            nodes.put(nodeId, after);
            if (!before.nodeKey().equals(after.nodeKey())) {
                idsByNodeKey.remove(before.nodeKey());
                idsByNodeKey.put(after.nodeKey(), nodeId);
                waiters = waitingForKey.remove(after.nodeKey());
            }
            notifyListeners(new NetmapChange.Updated(before, after));
            if (!before.toTailnetNode().equals(after.toTailnetNode())) {
                policyNodeChanged(after);
            }
        }
        complete(waiters, after);
    }

    public void reachabilityUpdated(long nodeId, UnaryOperator<NetmapNode> change) {
        synchronized (lock) {
            NetmapNode before = nodes.get(nodeId);
            if (before == null) {
                return;
            }
            NetmapNode after = change.apply(before);
            nodes.put(nodeId, after);
            notifyListeners(new NetmapChange.ReachabilityUpdated(before, after));
        }
    }

    public void left(long nodeId) {
        synchronized (lock) {
            NetmapNode gone = nodes.remove(nodeId);
            if (gone == null) {
                return;
            }
            idsByNodeKey.remove(gone.nodeKey());
            notifyListeners(new NetmapChange.Left(gone));
            policyNetmaps.removeNode(nodeId);
            policyRefreshed();
        }
    }

    public void userUpdated(NetmapUser user) {
        synchronized (lock) {
            NetmapUser before = users.put(user.id(), user);
            // Clients are not shown identity provider groups: a change of those alone is no profile change.
            if (before == null || !before.withIdpGroups(user.idpGroups()).equals(user)) {
                notifyListeners(new NetmapChange.UserUpdated(user));
            }
            policyNetmaps.upsertUser(new TailnetUser(user.id(), user.name(), user.email() == null ? "" : user.email(),
                    user.roles(), user.idpGroups()));
            policyRefreshed();
        }
    }

    public void userRemoved(long userId) {
        synchronized (lock) {
            users.remove(userId);
            policyNetmaps.removeUser(userId);
            policyRefreshed();
        }
    }

    /**
     * Puts a new policy in force: it is compiled once, and the listeners are told, in one
     * {@link NetmapChange.PolicyApplied}, of every node whose policy netmap changed.
     */
    public void policyReplaced(Policy policy) {
        synchronized (lock) {
            boolean endsAllowAll = !policyNetmaps.hasPolicy();
            policyNetmaps.replacePolicy(policy);
            policyRefreshed(endsAllowAll);
        }
    }

    private void policyNodeChanged(NetmapNode node) {
        node.toTailnetNode().ifPresentOrElse(policyNetmaps::upsertNode, () -> policyNetmaps.removeNode(node.id()));
        policyRefreshed();
    }

    private void policyRefreshed() {
        policyRefreshed(false);
    }

    /** Recompiles what the pending changes affect and tells the listeners; called under the lock. */
    private void policyRefreshed(boolean endsAllowAll) {
        Map<Long, PolicyNetmaps.Change> changes = policyNetmaps.refreshChanges();
        if (changes.isEmpty()) {
            return;
        }
        notifyListeners(new NetmapChange.PolicyApplied(changes, endsAllowAll));
    }

    private void notifyListeners(NetmapChange change) {
        for (NetmapListener listener : listeners) {
            try {
                listener.changed(change, view);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "netmap listener failed on " + change.getClass().getSimpleName(), e);
            }
        }
    }

    private static void complete(List<CompletableFuture<NetmapNode>> waiters, NetmapNode node) {
        if (waiters != null) {
            waiters.forEach(w -> w.complete(node));
        }
    }

    private final class LockedView implements NetmapView {
        @Override
        public Optional<NetmapNode> node(long id) {
            return Optional.ofNullable(nodes.get(id));
        }

        @Override
        public Optional<NetmapNode> nodeByKey(String nodeKey) {
            return Optional.ofNullable(idsByNodeKey.get(nodeKey)).map(nodes::get);
        }

        @Override
        public Collection<NetmapNode> nodes() {
            return Collections.unmodifiableCollection(nodes.values());
        }

        @Override
        public Optional<NetmapUser> user(long id) {
            return Optional.ofNullable(users.get(id));
        }

        @Override
        public boolean policyInForce() {
            return policyNetmaps.hasPolicy();
        }

        @Override
        public Optional<NodeNetmap> policyNetmap(long nodeId) {
            return policyNetmaps.netmap(nodeId);
        }

        @Override
        public Optional<java.time.Duration> sshCheckPeriod(long sourceId, long destinationId, String localUser) {
            return policyNetmaps.sshCheckPeriod(sourceId, destinationId, localUser);
        }

        @Override
        public Optional<PeerView> policyPeer(long viewerId, long peerId) {
            return policyNetmaps.netmap(viewerId).flatMap(netmap -> PeerLookup.find(netmap.peers(), peerId));
        }
    }
}
