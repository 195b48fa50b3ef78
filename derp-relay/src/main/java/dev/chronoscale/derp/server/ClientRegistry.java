package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.PeerGone;
import dev.chronoscale.derp.frame.PeerGoneReason;
import dev.chronoscale.derp.frame.PeerPresent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who is reachable through this relay: local connections by key, nodes on other relays of the region
 * (through mesh forwarders), mesh watchers, and who has sent to whom (for PeerGone). Lookups on the packet
 * path are lock-free; membership changes take this object's lock so watchers see them in order.
 *
 * <p>Several connections may share a key (a node reconnecting before its old socket died). The newest is
 * active; a duplicate that sends a frame becomes active again ("last writer is active").
 */
final class ClientRegistry {
    private final NodePublicKey serverKey;
    private final Map<NodePublicKey, ConnectionSet> local = new ConcurrentHashMap<>();
    private final Map<NodePublicKey, List<PacketForwarder>> forwarders = new ConcurrentHashMap<>();
    private final Map<NodePublicKey, Set<ClientConnection>> recipientsBySender = new ConcurrentHashMap<>();
    private final Set<ClientConnection> watchers = ConcurrentHashMap.newKeySet();

    ClientRegistry(NodePublicKey serverKey) {
        this.serverKey = serverKey;
    }

    /** The connection packets for {@code key} go to, or null. */
    ClientConnection active(NodePublicKey key) {
        ConnectionSet set = local.get(key);
        return set == null ? null : set.active;
    }

    PacketForwarder forwarder(NodePublicKey key) {
        List<PacketForwarder> list = forwarders.get(key);
        if (list == null) {
            return null;
        }
        try {
            return list.isEmpty() ? null : list.get(0);
        } catch (IndexOutOfBoundsException raced) {
            return null;
        }
    }

    synchronized void register(ClientConnection c) {
        ConnectionSet set = local.computeIfAbsent(c.key(), k -> new ConnectionSet());
        set.all.add(c);
        set.active = c;
        broadcast(new PeerPresent(c.key(), c.remote().getAddress(), c.remote().getPort(), c.presentFlags()));
    }

    synchronized void unregister(ClientConnection c) {
        watchers.remove(c);
        for (NodePublicKey sender : c.senders()) {
            Set<ClientConnection> recipients = recipientsBySender.get(sender);
            if (recipients != null) {
                recipients.remove(c);
            }
        }
        ConnectionSet set = local.get(c.key());
        if (set == null || !set.all.remove(c)) {
            return;
        }
        if (!set.all.isEmpty()) {
            if (set.active == c) {
                set.active = set.all.get(set.all.size() - 1);
            }
            return;
        }
        local.remove(c.key());
        broadcast(new PeerGone(c.key(), PeerGoneReason.DISCONNECTED));
        if (!forwarders.containsKey(c.key())) {
            goneFromRegion(c.key());
        }
    }

    /** A duplicate connection spoke: it becomes the one that receives. */
    void noteActivity(ClientConnection c) {
        ConnectionSet set = local.get(c.key());
        if (set != null && set.active != c && set.all.size() > 1) {
            set.active = c;
        }
    }

    void noteDelivery(NodePublicKey source, ClientConnection recipient) {
        recipientsBySender.computeIfAbsent(source, k -> ConcurrentHashMap.newKeySet()).add(recipient);
    }

    /** Subscribes a mesh peer; it first gets a PeerPresent for everyone connected here. */
    synchronized void addWatcher(ClientConnection watcher) {
        if (watcher.key().equals(serverKey)) {
            return; // our own mesh link looped back to us
        }
        for (ConnectionSet set : local.values()) {
            ClientConnection c = set.active;
            if (c != null) {
                watcher.send(new PeerPresent(c.key(), c.remote().getAddress(), c.remote().getPort(),
                        c.presentFlags()));
            }
        }
        watchers.add(watcher);
    }

    synchronized void addForwarder(NodePublicKey key, PacketForwarder forwarder) {
        List<PacketForwarder> list = forwarders.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        if (!list.contains(forwarder)) {
            list.add(forwarder);
        }
    }

    synchronized void removeForwarder(NodePublicKey key, PacketForwarder forwarder) {
        List<PacketForwarder> list = forwarders.get(key);
        if (list == null || !list.remove(forwarder)) {
            return;
        }
        if (list.isEmpty()) {
            forwarders.remove(key);
            if (!local.containsKey(key)) {
                goneFromRegion(key);
            }
        }
    }

    /** Every connection of {@code key} (for ClosePeer). */
    List<ClientConnection> connectionsOf(NodePublicKey key) {
        ConnectionSet set = local.get(key);
        return set == null ? List.of() : new ArrayList<>(set.all);
    }

    List<ClientConnection> allConnections() {
        List<ClientConnection> all = new ArrayList<>();
        local.values().forEach(s -> all.addAll(s.all));
        return all;
    }

    int localKeyCount() {
        return local.size();
    }

    private void goneFromRegion(NodePublicKey key) {
        Set<ClientConnection> recipients = recipientsBySender.remove(key);
        if (recipients != null) {
            for (ClientConnection r : recipients) {
                r.peerGone(key, PeerGoneReason.DISCONNECTED);
            }
        }
    }

    private void broadcast(DerpFrame frame) {
        for (ClientConnection w : watchers) {
            w.send(frame);
        }
    }

    private static final class ConnectionSet {
        final List<ClientConnection> all = new CopyOnWriteArrayList<>();
        volatile ClientConnection active;
    }
}
