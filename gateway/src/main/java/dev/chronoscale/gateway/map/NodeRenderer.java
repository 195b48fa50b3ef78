package dev.chronoscale.gateway.map;

import dev.chronoscale.gateway.tailcfg.Hostinfo;
import dev.chronoscale.gateway.tailcfg.Node;
import dev.chronoscale.gateway.tailcfg.UserProfile;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapUser;
import dev.chronoscale.netmap.NetmapView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns netmap nodes and users into {@code tailcfg.Node}s and {@code UserProfile}s. */
public final class NodeRenderer {

    /** Tailscale's user ID for nodes owned by tags rather than by a person. */
    public static final long TAGGED_DEVICES_USER_ID = 2147455555L;
    static final UserProfile TAGGED_DEVICES =
            new UserProfile(TAGGED_DEVICES_USER_ID, "tagged-devices", "tagged-devices", "");

    /** Capabilities every self node gets (Headscale's baseline): admin, Tailscale SSH, Taildrop. */
    private static final Map<String, List<Object>> SELF_CAPABILITIES = Map.of(
            "https://tailscale.com/cap/is-admin", List.of(),
            "https://tailscale.com/cap/ssh", List.of(),
            "https://tailscale.com/cap/file-sharing", List.of());

    private final String baseDomain;

    public NodeRenderer(String baseDomain) {
        this.baseDomain = baseDomain;
    }

    public Node self(NetmapNode node, Instant now) {
        return render(node, null, SELF_CAPABILITIES, now);
    }

    public Node peer(NetmapNode node, boolean online, Instant now) {
        return render(node, online, null, now);
    }

    /** The profile of the node's owner: its user, or the tagged-devices pseudo-user. */
    public UserProfile ownerProfile(NetmapNode node, NetmapView view) {
        return node.userId().flatMap(view::user).map(NodeRenderer::profile).orElseGet(() ->
                node.userId().map(id -> new UserProfile(id, "user-" + id, "user-" + id, "")).orElse(TAGGED_DEVICES));
    }

    static UserProfile profile(NetmapUser user) {
        return new UserProfile(user.id(), user.loginName(), user.shownName(), "");
    }

    /** MagicDNS name with the trailing dot clients expect. */
    public String fqdn(NetmapNode node) {
        return node.givenName() + "." + baseDomain + ".";
    }

    private Node render(NetmapNode node, Boolean online, Map<String, List<Object>> capabilities, Instant now) {
        List<String> addresses = new ArrayList<>();
        node.ipv4().ifPresent(ip -> addresses.add(ip + "/32"));
        node.ipv6().ifPresent(ip -> addresses.add(ip + "/128"));
        List<String> served = node.servedRoutes();
        List<String> allowed = new ArrayList<>(addresses);
        allowed.addAll(served);
        List<String> primary = served.stream().filter(r -> !r.equals("0.0.0.0/0") && !r.equals("::/0")).toList();
        boolean expired = node.isExpired(now);
        return new Node(node.id(), Long.toString(node.id()), fqdn(node),
                node.userId().orElse(TAGGED_DEVICES_USER_ID), node.nodeKey(), node.expiry().orElse(null),
                node.machineKey(), node.discoKey().orElse(null), addresses, allowed,
                node.endpoints().isEmpty() ? null : node.endpoints(),
                node.homeDerpRegion() > 0 ? node.homeDerpRegion() : null,
                Hostinfo.named(node.hostname().isEmpty() ? node.givenName() : node.hostname()),
                node.createdAt(), node.tags().isEmpty() ? null : node.tags(), primary.isEmpty() ? null : primary,
                online, true, expired ? Boolean.TRUE : null, capabilities);
    }
}
