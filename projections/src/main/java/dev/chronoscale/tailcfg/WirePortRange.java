package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

/** tailcfg.PortRange. */
public record WirePortRange(@JsonProperty("First") int first, @JsonProperty("Last") int last) {
}
