package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapUser;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.NodeClient;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import dev.chronoscale.tailcfg.Hostinfo;
import dev.chronoscale.tailcfg.Node;
import dev.chronoscale.tailcfg.UserProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns netmap nodes and users into {@code tailcfg.Node}s and {@code UserProfile}s. Where a policy is in
 * force, a peer's {@code AllowedIPs} and {@code PrimaryRoutes} are the ones the compiler gave the viewer
 * ({@link PeerView}: approved routes, exit routes, primary-route election) and the self node's
 * {@code CapMap} adds the policy's {@code nodeAttrs} to the baseline every node and peer carries; without a policy,
 * every served route is allowed.
 */
public final class NodeRenderer {

    /** Tailscale's user ID for nodes owned by tags rather than by a person. */
    public static final long TAGGED_DEVICES_USER_ID = 2147455555L;
    static final UserProfile TAGGED_DEVICES =
            new UserProfile(TAGGED_DEVICES_USER_ID, "tagged-devices", "tagged-devices", "");

    static final String FILE_SHARING = "https://tailscale.com/cap/file-sharing";

    /**
     * Capabilities every node is shown with, itself and as a peer (Headscale's baseline): admin, Tailscale SSH and,
     * unless {@code taildrop.enabled} is false, Taildrop. Without file sharing in its own CapMap a client neither
     * sends nor accepts files.
     */
    private static Map<String, List<Object>> baseline(boolean taildrop) {
        Map<String, List<Object>> caps = new LinkedHashMap<>();
        caps.put("https://tailscale.com/cap/is-admin", List.of());
        caps.put("https://tailscale.com/cap/ssh", List.of());
        if (taildrop) {
            caps.put(FILE_SHARING, List.of());
        }
        return Map.copyOf(caps);
    }

    private final String baseDomain;
    private final Map<String, List<Object>> baseline;

    public NodeRenderer(String baseDomain, boolean taildrop) {
        this.baseDomain = baseDomain;
        this.baseline = baseline(taildrop);
    }

    /**
     * The node as it sees itself. {@code MachineAuthorized} false (a node awaiting device approval, or refused) makes a
     * stock client wait, saying it needs the tailnet admin's approval.
     */
    public Node self(NetmapNode node, Optional<NodeNetmap> policy, Instant now) {
        return render(node, null, capabilities(policy), Optional.empty(), now);
    }

    /**
     * {@code asSeen} is the peer as the policy in force shows it to the viewer, empty without a policy. A peer's
     * CapMap is the baseline: the policy's {@code nodeAttrs} are for the node itself.
     */
    public Node peer(NetmapNode node, boolean online, Optional<PeerView> asSeen, Instant now) {
        return render(node, online, baseline, asSeen, now);
    }

    Map<String, List<Object>> capabilities(Optional<NodeNetmap> policy) {
        Map<String, List<Object>> granted = policyCapabilities(policy);
        if (granted.isEmpty()) {
            return baseline;
        }
        Map<String, List<Object>> merged = new LinkedHashMap<>(baseline);
        merged.putAll(granted);
        return merged;
    }

    /** What the policy's {@code nodeAttrs} give the node, on top of the baseline. */
    static Map<String, List<Object>> policyCapabilities(Optional<NodeNetmap> policy) {
        if (policy.isEmpty() || policy.get().capMap() == null || policy.get().capMap().isEmpty()) {
            return Map.of();
        }
        Map<String, List<Object>> granted = new LinkedHashMap<>();
        // Attributes without values come as null lists; the client only asks whether the key is there, and
        // the map-response JSON leaves out null map values, so they go out as empty lists.
        policy.get().capMap().forEach((name, values) -> granted.put(name, values == null ? List.of() : List.copyOf(values)));
        return granted;
    }

    /** The profile of the node's owner: its user, or the tagged-devices pseudo-user. */
    public UserProfile ownerProfile(NetmapNode node, NetmapView view) {
        return node.userId().flatMap(view::user).map(NodeRenderer::profile).orElseGet(() ->
                node.userId().map(id -> new UserProfile(id, "user-" + id, "user-" + id, "")).orElse(TAGGED_DEVICES));
    }

    static UserProfile profile(NetmapUser user) {
        return new UserProfile(user.id(), user.loginName(), user.shownName(),
                user.profilePicUrl() == null ? "" : user.profilePicUrl());
    }

    /** MagicDNS name with the trailing dot clients expect. */
    public String fqdn(NetmapNode node) {
        return node.givenName() + "." + baseDomain + ".";
    }

    /** The peer as every node sees it while no policy is set: its addresses and every route it serves. */
    public static PeerView allowAllView(NetmapNode node) {
        List<String> allowed = new ArrayList<>();
        node.ipv4().ifPresent(ip -> allowed.add(ip + "/32"));
        node.ipv6().ifPresent(ip -> allowed.add(ip + "/128"));
        List<String> served = node.servedRoutes();
        allowed.addAll(served);
        return new PeerView(node.id(), node.givenName(), allowed,
                served.stream().filter(r -> !r.equals("0.0.0.0/0") && !r.equals("::/0")).toList());
    }

    private static Hostinfo hostinfo(NetmapNode node) {
        NodeClient client = node.client();
        // Peers find the node's peer API here: without a peerapi4/peerapi6 port, a client lists no Taildrop target.
        List<Hostinfo.Service> services = client.peerServices().stream()
                .map(service -> new Hostinfo.Service(service.proto(), service.port())).toList();
        return Hostinfo.ofPeer(node.hostname().isEmpty() ? node.givenName() : node.hostname(),
                blankToNull(client.clientVersion()), blankToNull(client.os()), blankToNull(client.osVersion()),
                blankToNull(client.deviceModel()), client.sshHostKeys().isEmpty() ? null : client.sshHostKeys(),
                services.isEmpty() ? null : services);
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private Node render(NetmapNode node, Boolean online, Map<String, List<Object>> capabilities,
                        Optional<PeerView> asSeen, Instant now) {
        List<String> addresses = new ArrayList<>();
        node.ipv4().ifPresent(ip -> addresses.add(ip + "/32"));
        node.ipv6().ifPresent(ip -> addresses.add(ip + "/128"));
        PeerView routing = asSeen.orElseGet(() -> allowAllView(node));
        List<String> allowed = routing.allowedIps();
        List<String> primary = routing.primaryRoutes();
        boolean expired = node.isExpired(now);
        return new Node(node.id(), Long.toString(node.id()), fqdn(node),
                node.userId().orElse(TAGGED_DEVICES_USER_ID), node.nodeKey(), node.expiry().orElse(null),
                node.machineKey(), node.discoKey().orElse(null), addresses, allowed,
                node.endpoints().isEmpty() ? null : node.endpoints(),
                node.homeDerpRegion() > 0 ? node.homeDerpRegion() : null,
                hostinfo(node),
                node.createdAt(), node.tags().isEmpty() ? null : node.tags(), primary.isEmpty() ? null : primary,
                online, node.isApproved(), expired ? Boolean.TRUE : null, capabilities);
    }
}
