package dev.chronoscale.gateway.map;

import dev.chronoscale.tailcfg.DerpMap;

import java.time.Duration;

/**
 * What every netmap shares: the MagicDNS domain, the DNS settings, whether Taildrop is on ({@code taildrop.enabled}),
 * the DERP map, how often an idle stream gets a keep-alive (clients give up after 120 s of silence), how long a node
 * whose stream ended still counts as online (a reconnect within it is invisible to peers), and the least time between
 * two batches of peer changes on one stream ({@code tuning.batch_change_delay}).
 */
public record MapSettings(String baseDomain, DnsSettings dns, boolean taildrop, DerpMap derpMap,
                          Duration keepAliveInterval, Duration reconnectGrace, Duration batchChangeDelay) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(50);
    /** As Headscale: up to 10 s of reconnecting does not make a node offline. */
    public static final Duration DEFAULT_RECONNECT_GRACE = Duration.ofSeconds(10);
}
