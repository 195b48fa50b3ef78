package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.PeerLookup;
import dev.chronoscale.netmap.PolicyNetmaps;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerList;
import dev.chronoscale.netmap.result.PeerView;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.SshPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy netmap change changes for the client of one node: the peers it now sees or sees with other
 * AllowedIPs, those it no longer sees, and whether its packet filter, SSH policy and capabilities changed. The
 * first policy is a delta from the allow-all view the client holds (with a policy much like allow-all, only
 * the filter changes). A node whose first policy netmap this is while a policy was already in force held no
 * peers: its peer list goes out whole ({@code replaceAll}). A peer's name in the policy netmap is no change
 * here: node deltas carry names anyway.
 *
 * @param changed peers seen anew or routed otherwise, in ID order
 * @param removed peers no longer seen, in ID order
 */
record PolicyDelta(NodeNetmap after, List<PeerView> changed, List<Long> removed, boolean replaceAll,
                   boolean filterChanged, boolean sshChanged, boolean capsChanged) {

    static PolicyDelta of(NetmapNode self, PolicyNetmaps.Change change, AllowAllPeers allowAll) {
        NodeNetmap after = change.after();
        boolean endsAllowAll = allowAll != null;
        boolean replaceAll = change.before().isEmpty() && !endsAllowAll && !after.peers().isEmpty();
        List<PeerView> changed = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        if (change.before().isPresent() && change.peersTouched().isPresent()) {
            // Only these entries can differ: look them up rather than compare whole lists.
            for (long id : change.peersTouched().get()) {
                Optional<PeerView> was = PeerLookup.find(change.before().get().peers(), id);
                Optional<PeerView> is = PeerLookup.find(after.peers(), id);
                if (is.isPresent() && !sameRouting(is.get(), was.orElse(null))) {
                    changed.add(is.get());
                } else if (is.isEmpty() && was.isPresent()) {
                    removed.add(id);
                }
            }
            changed.sort(Comparator.comparingLong(PeerView::id));
            removed.sort(null);
        } else if (change.before().isEmpty() && endsAllowAll) {
            allowAll.compare(self, after.peers(), changed, removed);
        } else {
            PeerList.compare(change.before().map(NodeNetmap::peers).orElse(List.of()), after.peers(), (was, is) -> {
                if (is == null) {
                    removed.add(was.id());
                } else if (!sameRouting(is, was)) {
                    changed.add(is);
                }
            });
        }
        List<FilterRule> filterBefore = change.before().map(NodeNetmap::packetFilter)
                .orElse(endsAllowAll ? FilterRule.ALLOW_ALL : List.of());
        Optional<SshPolicy> sshBefore = change.before().map(NodeNetmap::sshPolicy);
        boolean capsChanged = !Objects.equals(NodeRenderer.policyCapabilities(change.before()),
                NodeRenderer.policyCapabilities(Optional.of(after)));
        return new PolicyDelta(after, changed, removed, replaceAll, !filterBefore.equals(after.packetFilter()),
                !sshBefore.equals(Optional.of(after.sshPolicy())), capsChanged);
    }

    /** Whether the client, which had {@code before} (null: not a peer), already has what {@code after} shows. */
    static boolean sameRouting(PeerView after, PeerView before) {
        return before != null && (after == before || after.allowedIps().equals(before.allowedIps())
                && after.primaryRoutes().equals(before.primaryRoutes()));
    }

    boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty() && !filterChanged && !sshChanged && !capsChanged;
    }

    /** Only peers changed, each of which the client takes as it would a peer's own change. */
    boolean peersOnly() {
        return !replaceAll && !filterChanged && !sshChanged && !capsChanged;
    }
}
