package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code tailcfg.DNSConfig}: the resolvers that replace the device's own ({@code Resolvers}), or that answer only
 * what split DNS leaves over ({@code FallbackResolvers}); resolvers per domain ({@code Routes}, an empty list meaning
 * MagicDNS answers); search domains; whether MagicDNS answers ({@code Proxied}); and the names MagicDNS adds to the
 * tailnet's own ({@code ExtraRecords}). Null parts are left out, as Go's {@code omitempty} leaves them.
 */
public record DnsConfig(
        @JsonProperty("Resolvers") List<Resolver> resolvers,
        @JsonProperty("Routes") Map<String, List<Resolver>> routes,
        @JsonProperty("FallbackResolvers") List<Resolver> fallbackResolvers,
        @JsonProperty("Domains") List<String> domains,
        @JsonProperty("Proxied") boolean proxied,
        @JsonProperty("ExtraRecords") List<DnsRecord> extraRecords) {

    /** {@code dnstype.Resolver}: an IP, IP:port or DoH URL. */
    public record Resolver(@JsonProperty("Addr") String addr) {
    }

    /**
     * {@code tailcfg.DNSRecord}: a name MagicDNS answers with an address; {@code Type} is {@code A}, {@code AAAA}
     * or null (the address says which).
     */
    public record DnsRecord(@JsonProperty("Name") String name, @JsonProperty("Type") String type,
                            @JsonProperty("Value") String value) {
    }
}
