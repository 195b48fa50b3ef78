package dev.chronoscale.netmap;


import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import java.util.Collection;
import java.util.Optional;

/** Read access to the netmap's current state; valid only inside {@link Netmap#read} or a listener call. */
public interface NetmapView {

    Optional<NetmapNode> node(long id);

    Optional<NetmapNode> nodeByKey(String nodeKey);

    Collection<NetmapNode> nodes();

    Optional<NetmapUser> user(long id);

    /** Whether a policy has been set; without one every node may see and reach every other (allow-all). */
    boolean policyInForce();

    /** What the policy in force decides for the node; empty without a policy or for a node without addresses. */
    Optional<NodeNetmap> policyNetmap(long nodeId);

    /** The peer as the policy shows it to the viewer (AllowedIPs, primary routes); empty when the viewer may not see it. */
    Optional<PeerView> policyPeer(long viewerId, long peerId);

    /**
     * The {@code checkPeriod} of the SSH {@code check} rule that covers a session from one node to another as a
     * local user, as the policy in force decides it; empty when no check rule covers it.
     */
    Optional<java.time.Duration> sshCheckPeriod(long sourceId, long destinationId, String localUser);
}
