package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code tailcfg.MapResponse}, one message of a map stream. Absent (null) fields mean "unchanged"
 * to the client; non-empty {@code Peers} replaces the whole peer list, while {@code PeersChanged},
 * {@code PeersRemoved}, {@code PeersChangedPatch} and {@code OnlineChange} are deltas. The packet
 * filter and SSH policy are the records of this package the policy compiler produces ({@link FilterRule},
 * {@link SshPolicy}), sent as they are: {@code PacketFilters["base"]} replaces the client's filter, a present
 * {@code SSHPolicy} its SSH rules.
 */
public record MapResponse(
        @JsonProperty("KeepAlive") Boolean keepAlive,
        @JsonProperty("Node") Node node,
        @JsonProperty("DERPMap") DerpMap derpMap,
        @JsonProperty("Peers") List<Node> peers,
        @JsonProperty("PeersChanged") List<Node> peersChanged,
        @JsonProperty("PeersRemoved") List<Long> peersRemoved,
        @JsonProperty("PeersChangedPatch") List<PeerChange> peersChangedPatch,
        @JsonProperty("OnlineChange") Map<String, Boolean> onlineChange,
        @JsonProperty("DNSConfig") DnsConfig dnsConfig,
        @JsonProperty("Domain") String domain,
        @JsonProperty("CollectServices") Boolean collectServices,
        @JsonProperty("PacketFilters") Map<String, List<FilterRule>> packetFilters,
        @JsonProperty("UserProfiles") List<UserProfile> userProfiles,
        @JsonProperty("SSHPolicy") SshPolicy sshPolicy,
        @JsonProperty("ControlTime") Instant controlTime) {

    public static MapResponse keepAliveMessage() {
        return new MapResponse(true, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code ssh} is null while no policy is set (clients then keep Tailscale SSH off). */
    public static MapResponse full(Node self, DerpMap derpMap, List<Node> peers, DnsConfig dns, String domain,
                                   List<FilterRule> filter, SshPolicy ssh, List<UserProfile> profiles, Instant now) {
        return new MapResponse(null, self, derpMap, peers, null, null, null, null, dns, domain, false,
                Map.of("base", filter), profiles, ssh, now);
    }

    /**
     * What a policy change means for one node, in one message: its self node when its capabilities changed;
     * either its complete peer list ({@code peers}, replacing the client's) or the peers it now sees or sees
     * with other AllowedIPs ({@code changed}) and those it no longer sees ({@code removed}); its packet filter
     * and SSH policy when they changed. Each part is null when unchanged.
     */
    public static MapResponse policyChanged(Node self, List<Node> peers, List<Node> changed, List<Long> removed,
                                            List<FilterRule> filter, SshPolicy ssh, List<UserProfile> profiles,
                                            Instant now) {
        return new MapResponse(null, self, null, peers, changed, removed, null, null, null, null, null,
                filter == null ? null : Map.of("base", filter), profiles, ssh, now);
    }

    public static MapResponse selfChanged(Node self, Instant now) {
        return new MapResponse(null, self, null, null, null, null, null, null, null, null, null, null, null, null, now);
    }

    /** The DNS settings, replacing the client's. */
    public static MapResponse dnsChanged(DnsConfig dns, Instant now) {
        return new MapResponse(null, null, null, null, null, null, null, null, dns, null, null, null, null, null, now);
    }

    /** Profiles are additive: a changed one replaces the client's copy. */
    public static MapResponse profilesChanged(List<UserProfile> profiles, Instant now) {
        return new MapResponse(null, null, null, null, null, null, null, null, null, null, null, null, profiles, null, now);
    }
}
