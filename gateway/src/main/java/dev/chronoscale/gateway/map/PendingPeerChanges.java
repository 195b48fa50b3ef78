package dev.chronoscale.gateway.map;

import dev.chronoscale.tailcfg.PeerChange;
import dev.chronoscale.tailcfg.TailcfgJson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Peer changes for one stream that have not gone out yet, merged so that one message leaves the
 * client where the separate messages would have. The client applies a message's parts in a fixed
 * order (PeersRemoved, PeersChanged, OnlineChange, PeersChangedPatch), so each addition drops
 * what it supersedes: a complete peer replaces earlier removals, online flags and patches of that
 * peer (it was rendered with the newest of them), a removal drops everything pending for the
 * peer, and patches of one peer merge field by field, the later winning. Peers arrive already
 * serialized, so a change seen alike by many streams is rendered once.
 *
 * <p>Not thread-safe: its {@link MapSession} guards it.
 */
final class PendingPeerChanges {

    private final Map<Long, byte[]> changed = new LinkedHashMap<>();
    private final TreeSet<Long> removed = new TreeSet<>();
    private final Map<Long, PeerChange> patches = new LinkedHashMap<>();
    private final Map<String, Boolean> online = new LinkedHashMap<>();
    private final Map<Long, byte[]> profiles = new LinkedHashMap<>();

    boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty() && patches.isEmpty() && online.isEmpty() && profiles.isEmpty();
    }

    void changed(RenderedPeer peer) {
        removed.remove(peer.id());
        patches.remove(peer.id());
        online.remove(Long.toString(peer.id()));
        changed.put(peer.id(), peer.nodeJson());
        profiles.put(peer.profileId(), peer.profileJson());
    }

    void removed(long id) {
        changed.remove(id);
        patches.remove(id);
        online.remove(Long.toString(id));
        removed.add(id);
    }

    void patched(PeerChange change) {
        patches.merge(change.nodeId(), change, PendingPeerChanges::merge);
    }

    void online(long id, boolean isOnline) {
        online.put(Long.toString(id), isOnline);
    }

    /** The pending changes as one MapResponse's JSON; leaves this empty. */
    byte[] drain(Instant now) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(256 + changed.size() * 700);
        json.write('{');
        if (!changed.isEmpty()) {
            field(json, "PeersChanged");
            RawJsonArray.write(json, changed.values());
        }
        if (!removed.isEmpty()) {
            field(json, "PeersRemoved");
            json.writeBytes(TailcfgJson.write(removed));
        }
        if (!online.isEmpty()) {
            field(json, "OnlineChange");
            json.writeBytes(TailcfgJson.write(online));
        }
        if (!patches.isEmpty()) {
            field(json, "PeersChangedPatch");
            json.writeBytes(TailcfgJson.write(patches.values()));
        }
        if (!profiles.isEmpty()) {
            field(json, "UserProfiles");
            RawJsonArray.write(json, profiles.values());
        }
        field(json, "ControlTime");
        json.writeBytes(TailcfgJson.write(now));
        json.write('}');
        changed.clear();
        removed.clear();
        patches.clear();
        online.clear();
        profiles.clear();
        return json.toByteArray();
    }

    private static void field(ByteArrayOutputStream json, String name) {
        if (json.size() > 1) {
            json.write(',');
        }
        json.writeBytes(("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII));
    }

    private static PeerChange merge(PeerChange earlier, PeerChange later) {
        return new PeerChange(later.nodeId(), newer(later.derpRegion(), earlier.derpRegion()),
                newer(later.endpoints(), earlier.endpoints()), newer(later.discoKey(), earlier.discoKey()),
                newer(later.online(), earlier.online()));
    }

    private static <T> T newer(T later, T earlier) {
        return later != null ? later : earlier;
    }
}
