package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code tailcfg.PeerChange}: a partial update of one peer; absent fields are unchanged. */
public record PeerChange(
        @JsonProperty("NodeID") long nodeId,
        @JsonProperty("DERPRegion") Integer derpRegion,
        @JsonProperty("Endpoints") List<String> endpoints,
        @JsonProperty("DiscoKey") String discoKey,
        @JsonProperty("Online") Boolean online) {
}
