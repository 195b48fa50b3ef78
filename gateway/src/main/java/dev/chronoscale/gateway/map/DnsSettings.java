package dev.chronoscale.gateway.map;

import dev.chronoscale.tailcfg.DnsConfig;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;
import dev.chronoscale.tailcfg.DnsConfig.Resolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DNS every node's map carries, from Headscale's {@code dns} keys, put into {@code tailcfg.DNSConfig} as
 * Headscale 0.26 puts it: the global nameservers are {@code Resolvers} when they override the device's DNS
 * ({@code override_local_dns}) and {@code FallbackResolvers} when not; each split domain is a {@code Routes} entry
 * (no nameservers: MagicDNS answers it); {@code domains} are the search domains as sent; the extra records are the
 * ones in force, which a watched records file replaces while the server runs.
 */
public record DnsSettings(boolean magicDns, List<String> globalNameservers, boolean overrideLocalDns,
                          Map<String, List<String>> splitNameservers, List<String> domains, List<DnsRecord> extraRecords) {

    public DnsSettings {
        globalNameservers = List.copyOf(globalNameservers);
        splitNameservers = splitNameservers.entrySet().stream().collect(LinkedHashMap::new,
                (copy, entry) -> copy.put(entry.getKey(), List.copyOf(entry.getValue())), Map::putAll);
        domains = List.copyOf(domains);
        extraRecords = List.copyOf(extraRecords);
    }

    /** MagicDNS with global nameservers that override the device's, no split DNS, no extra records. */
    public static DnsSettings of(boolean magicDns, List<String> globalNameservers, List<String> domains) {
        return new DnsSettings(magicDns, globalNameservers, true, Map.of(), domains, List.of());
    }

    public DnsSettings withExtraRecords(List<DnsRecord> records) {
        return new DnsSettings(magicDns, globalNameservers, overrideLocalDns, splitNameservers, domains, records);
    }

    public DnsConfig wire() {
        List<Resolver> global = resolvers(globalNameservers);
        Map<String, List<Resolver>> routes = new LinkedHashMap<>();
        splitNameservers.forEach((domain, nameservers) -> routes.put(domain, resolvers(nameservers)));
        return new DnsConfig(overrideLocalDns ? nullIfEmpty(global) : null, routes.isEmpty() ? null : routes,
                overrideLocalDns ? null : nullIfEmpty(global), nullIfEmpty(domains), magicDns, nullIfEmpty(extraRecords));
    }

    private static List<Resolver> resolvers(List<String> nameservers) {
        return nameservers.stream().map(Resolver::new).toList();
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }
}
