package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

/** tailcfg.SSHPrincipal: Tailscale names SSH sources by node address. */
public record SshPrincipal(@JsonProperty("nodeIP") String nodeIp) {
}
