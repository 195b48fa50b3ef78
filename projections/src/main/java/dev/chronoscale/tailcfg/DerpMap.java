package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code tailcfg.DERPMap}; region keys are the decimal region IDs. Headscale's DERP map files
 * (lower-case YAML keys) read into it too, since names are matched without regard to case.
 */
public record DerpMap(@JsonProperty("Regions") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Region> regions) {

    /** {@code tailcfg.DERPRegion}. */
    public record Region(@JsonProperty("RegionID") int regionId, @JsonProperty("RegionCode") String regionCode,
                         @JsonProperty("RegionName") String regionName, @JsonProperty("Nodes") List<DerpNode> nodes) {
    }

    /** {@code tailcfg.DERPNode}; ports 0 mean the defaults (DERP 443, STUN 3478). */
    public record DerpNode(@JsonProperty("Name") String name, @JsonProperty("RegionID") int regionId,
                           @JsonProperty("HostName") String hostName, @JsonProperty("IPv4") String ipv4,
                           @JsonProperty("IPv6") String ipv6, @JsonProperty("STUNPort") Integer stunPort,
                           @JsonProperty("STUNOnly") Boolean stunOnly, @JsonProperty("DERPPort") Integer derpPort,
                           @JsonProperty("InsecureForTests") Boolean insecureForTests) {
    }

    /** This map with the other's regions added; a region in both is taken from the other. */
    public DerpMap merge(DerpMap other) {
        java.util.Map<String, Region> merged = new java.util.TreeMap<>(regions == null ? Map.of() : regions);
        if (other.regions() != null) {
            merged.putAll(other.regions());
        }
        return new DerpMap(merged);
    }
}
