package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

/** tailcfg.NetPortRange: {@code IP} is {@code *}, an address, a CIDR prefix or an {@code a-b} range. */
public record NetPortRange(@JsonProperty("IP") String ip, @JsonProperty("Ports") WirePortRange ports) {
}
