package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code tailcfg.Node}: the self node or a peer in a map response. {@code Name} is the MagicDNS
 * FQDN with a trailing dot; {@code MachineAuthorized} must be true on the self node or the client
 * waits for machine approval forever.
 */
public record Node(
        @JsonProperty("ID") long id,
        @JsonProperty("StableID") String stableId,
        @JsonProperty("Name") String name,
        @JsonProperty("User") long user,
        @JsonProperty("Key") String key,
        @JsonProperty("KeyExpiry") Instant keyExpiry,
        @JsonProperty("Machine") String machine,
        @JsonProperty("DiscoKey") String discoKey,
        @JsonProperty("Addresses") List<String> addresses,
        @JsonProperty("AllowedIPs") List<String> allowedIps,
        @JsonProperty("Endpoints") List<String> endpoints,
        @JsonProperty("HomeDERP") Integer homeDerp,
        @JsonProperty("Hostinfo") Hostinfo hostinfo,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("PrimaryRoutes") List<String> primaryRoutes,
        @JsonProperty("Online") Boolean online,
        @JsonProperty("MachineAuthorized") boolean machineAuthorized,
        @JsonProperty("Expired") Boolean expired,
        @JsonProperty("CapMap") Map<String, List<Object>> capMap) {
}
