package dev.chronoscale.gateway.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code tailcfg.MapResponse}, one message of a map stream. Absent (null) fields mean "unchanged"
 * to the client; non-empty {@code Peers} replaces the whole peer list, while {@code PeersChanged},
 * {@code PeersRemoved}, {@code PeersChangedPatch} and {@code OnlineChange} are deltas.
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
        @JsonProperty("ControlTime") Instant controlTime) {

    public static MapResponse keepAliveMessage() {
        return new MapResponse(true, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static MapResponse full(Node self, DerpMap derpMap, List<Node> peers, DnsConfig dns, String domain,
                                   List<FilterRule> filter, List<UserProfile> profiles, Instant now) {
        return new MapResponse(null, self, derpMap, peers, null, null, null, null, dns, domain, false,
                Map.of("base", filter), profiles, now);
    }

    public static MapResponse selfChanged(Node self, Instant now) {
        return new MapResponse(null, self, null, null, null, null, null, null, null, null, null, null, null, now);
    }

    public static MapResponse peersChanged(List<Node> peers, List<UserProfile> profiles, Instant now) {
        return new MapResponse(null, null, null, null, peers, null, null, null, null, null, null, null,
                profiles.isEmpty() ? null : profiles, now);
    }

    /** Profiles are additive: a changed one replaces the client's copy. */
    public static MapResponse profilesChanged(List<UserProfile> profiles, Instant now) {
        return new MapResponse(null, null, null, null, null, null, null, null, null, null, null, null, profiles, now);
    }

    public static MapResponse peersRemoved(List<Long> ids, Instant now) {
        return new MapResponse(null, null, null, null, null, ids, null, null, null, null, null, null, null, now);
    }

    public static MapResponse peersPatched(List<PeerChange> changes, Instant now) {
        return new MapResponse(null, null, null, null, null, null, changes, null, null, null, null, null, null, now);
    }

    public static MapResponse onlineChanged(Map<String, Boolean> online, Instant now) {
        return new MapResponse(null, null, null, null, null, null, null, online, null, null, null, null, null, now);
    }
}
