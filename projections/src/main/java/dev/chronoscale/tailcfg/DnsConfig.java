package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code tailcfg.DNSConfig}: resolvers, search domains and whether MagicDNS answers ({@code Proxied}). */
public record DnsConfig(
        @JsonProperty("Resolvers") List<Resolver> resolvers,
        @JsonProperty("Domains") List<String> domains,
        @JsonProperty("Proxied") boolean proxied) {

    /** {@code dnstype.Resolver}: an IP, IP:port or DoH URL. */
    public record Resolver(@JsonProperty("Addr") String addr) {
    }
}
