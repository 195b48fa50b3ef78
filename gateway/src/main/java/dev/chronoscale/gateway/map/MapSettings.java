package dev.chronoscale.gateway.map;

import dev.chronoscale.gateway.tailcfg.DerpMap;

import java.time.Duration;
import java.util.List;

/**
 * What every netmap shares: the MagicDNS domain, resolvers, the DERP map, and how often an idle
 * stream gets a keep-alive (clients give up after 120 s of silence).
 */
public record MapSettings(String baseDomain, boolean magicDns, List<String> nameservers, List<String> searchDomains,
                          DerpMap derpMap, Duration keepAliveInterval) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(50);
}
