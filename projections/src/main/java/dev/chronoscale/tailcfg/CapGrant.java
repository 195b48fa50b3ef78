package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** tailcfg.CapGrant: peer capabilities granted to the sources towards {@code Dsts}; a null value list is sent as null. */
public record CapGrant(@JsonProperty("Dsts") List<String> dsts,
                       @JsonProperty("CapMap") Map<String, List<JsonNode>> capMap) {
}
