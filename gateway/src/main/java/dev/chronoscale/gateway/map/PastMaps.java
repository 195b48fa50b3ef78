package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.tailcfg.DnsConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The complete map a node was served at an instant: the live map code ({@link CompleteMaps}, the same renderer
 * and peer rule) over a netmap replayed to that instant, its clock stopped there, and the nodes that had a session
 * open then as the online ones.
 */
public final class PastMaps {

    private final BasePeerRule visibility;
    private final MapSettings settings;
    private final Supplier<DnsConfig> dns;

    /** Past maps with the DNS settings of {@code settings}. */
    public PastMaps(BasePeerRule visibility, MapSettings settings) {
        this(visibility, settings, settings.dns()::wire);
    }

    /** Past maps with the DNS settings in force when a map is asked for (the log does not hold them). */
    PastMaps(BasePeerRule visibility, MapSettings settings, Supplier<DnsConfig> dns) {
        this.visibility = visibility;
        this.settings = settings;
        this.dns = dns;
    }

    /** The MapResponse JSON {@code nodeId} would have received at {@code at}; empty if it was not in the netmap. */
    public Optional<byte[]> completeMap(Netmap netmapAtInstant, long nodeId, Instant at, LongPredicate online) {
        Clock stopped = Clock.fixed(at, ZoneOffset.UTC);
        NodeRenderer renderer = new NodeRenderer(settings.baseDomain(), settings.taildrop());
        Viewers viewers = new Viewers(new MapStreams(Duration.ZERO, stopped), visibility);
        CompleteMaps maps = new CompleteMaps(netmapAtInstant, viewers, online, renderer, new RenderedPeerCache(renderer),
                settings, dns, stopped);
        return netmapAtInstant.read(view -> view.node(nodeId).map(self -> maps.snapshot(self, view))).map(maps::json);
    }
}
