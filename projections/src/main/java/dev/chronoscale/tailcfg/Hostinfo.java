package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code tailcfg.Hostinfo}: what a client says about itself (the parts this server uses). Names are Tailscale's JSON
 * tags, not its Go field names: the SSH host keys are {@code sshHostKeys}.
 */
public record Hostinfo(
        @JsonProperty("IPNVersion") String ipnVersion,
        @JsonProperty("OS") String os,
        @JsonProperty("OSVersion") String osVersion,
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("RoutableIPs") List<String> routableIps,
        @JsonProperty("RequestTags") List<String> requestTags,
        @JsonProperty("NetInfo") NetInfo netInfo,
        @JsonProperty("DeviceModel") String deviceModel,
        @JsonProperty("sshHostKeys") List<String> sshHostKeys,
        @JsonProperty("Services") List<Service> services) {

    /** {@code tailcfg.Service}: a service the client offers its peers, such as the peer API ({@code peerapi4}). */
    public record Service(@JsonProperty("Proto") String proto, @JsonProperty("Port") int port) {
    }

    /** {@code tailcfg.NetInfo}: the client's view of its network; peers need {@code PreferredDERP}. */
    public record NetInfo(@JsonProperty("PreferredDERP") int preferredDerp) {
    }

    /**
     * What peers are told of a node: its name, the client software it reported and the services it offers them
     * (null: not reported).
     */
    public static Hostinfo ofPeer(String hostname, String ipnVersion, String os, String osVersion, String deviceModel,
                                  List<String> sshHostKeys, List<Service> services) {
        return new Hostinfo(ipnVersion, os, osVersion, hostname, null, null, null, deviceModel, sshHostKeys, services);
    }

    public int preferredDerp() {
        return netInfo == null ? 0 : netInfo.preferredDerp();
    }
}
