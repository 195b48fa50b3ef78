package dev.chronoscale.gateway.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code tailcfg.Hostinfo}: what a client says about itself (the parts this server uses). */
public record Hostinfo(
        @JsonProperty("IPNVersion") String ipnVersion,
        @JsonProperty("OS") String os,
        @JsonProperty("OSVersion") String osVersion,
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("RoutableIPs") List<String> routableIps,
        @JsonProperty("RequestTags") List<String> requestTags,
        @JsonProperty("NetInfo") NetInfo netInfo) {

    /** {@code tailcfg.NetInfo}: the client's view of its network; peers need {@code PreferredDERP}. */
    public record NetInfo(@JsonProperty("PreferredDERP") int preferredDerp) {
    }

    public static Hostinfo named(String hostname) {
        return new Hostinfo(null, null, null, hostname, null, null, null);
    }

    public int preferredDerp() {
        return netInfo == null ? 0 : netInfo.preferredDerp();
    }
}
