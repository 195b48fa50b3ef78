package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.tailcfg.DnsConfig;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;
import dev.chronoscale.tailcfg.MapResponse;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The map side put together, and a stream's life from start to end: a node's stream starts with its complete map
 * ({@link CompleteMaps}) and then gets every change the node can see ({@link ChangeFanOut}, {@link ExpiryTimers});
 * while it is open the node is online ({@link Presence}); a new stream for a node replaces (ends) the old
 * ({@link MapStreams}).
 */
public final class MapStreaming {

    private final Netmap netmap;
    private final MapSettings settings;
    private final MapStreams streams;
    private final Presence presence;
    private final CompleteMaps completeMaps;
    private final PastMaps pastMaps;
    private final ClientDns dns;
    private final Clock clock;

    public MapStreaming(Netmap netmap, BasePeerRule visibility, MapSettings settings, Clock clock,
                        ScheduledExecutorService timers) {
        this.netmap = netmap;
        this.settings = settings;
        this.clock = clock;
        this.dns = new ClientDns(settings.dns());
        NodeRenderer renderer = new NodeRenderer(settings.baseDomain(), settings.taildrop());
        RenderedPeerCache peerJson = new RenderedPeerCache(renderer);
        this.streams = new MapStreams(settings.batchChangeDelay(), clock);
        Viewers viewers = new Viewers(streams, visibility);
        this.presence = new Presence(netmap, streams, viewers, settings.reconnectGrace(), clock, timers);
        this.pastMaps = new PastMaps(visibility, settings, dns::current);
        this.completeMaps = new CompleteMaps(netmap, viewers, presence::isOnline, renderer, peerJson, settings,
                dns::current, clock);
        ChangeFanOut fanOut = new ChangeFanOut(streams, viewers, visibility, presence, renderer, peerJson, completeMaps,
                clock);
        netmap.addListener(fanOut);
        netmap.addListener(new ExpiryTimers(netmap, fanOut, clock, timers));
    }

    public Presence presence() {
        return presence;
    }

    /** The maps nodes were served in the past, with these settings and this peer rule. */
    public PastMaps pastMaps() {
        return pastMaps;
    }

    /** The DNS settings every map carries now. */
    public DnsConfig dnsConfig() {
        return dns.current();
    }

    /**
     * Puts other extra DNS records in force (a change of {@code dns.extra_records_path}): every open stream gets the
     * new DNS settings, which replace the client's. Streams that start meanwhile get them in their complete map.
     *
     * @return false when the records are the ones in force (nothing was sent)
     */
    public boolean replaceExtraRecords(List<DnsRecord> records) {
        if (!dns.replaceExtraRecords(records)) {
            return false;
        }
        EncodedMapMessage message = new EncodedMapMessage(MapResponse.dnsChanged(dns.current(), clock.instant()));
        for (MapSession session : streams.all()) {
            session.send(message);
        }
        return true;
    }

    /** A stream for {@link #start}: its messages framed as the client asked, peer changes batched. */
    MapSession newSession(long nodeId, Channel stream, boolean zstd) {
        return streams.newSession(nodeId, stream, zstd);
    }

    /** The batch delay of every stream now ({@link MapStreams#batchDelayNanos}). */
    long batchDelayNanos() {
        return streams.batchDelayNanos();
    }

    /**
     * Starts a node's stream: sends the complete map and, from then on, every change the node can
     * see. What the map shows is taken, and the stream registered for changes, under the netmap's
     * lock, so no change falls between the two; rendering and compressing the map happen outside
     * it, while the stream holds back the changes that arrive meanwhile.
     *
     * @return false when the node is no longer in the netmap (nothing was sent)
     */
    boolean start(MapSession session) {
        Optional<CompleteMaps.Snapshot> snapshot = netmap.read(view -> {
            Optional<NetmapNode> self = view.node(session.nodeId());
            if (self.isEmpty()) {
                return Optional.<CompleteMaps.Snapshot>empty();
            }
            MapSession replaced = streams.put(session);
            presence.streamStarted(self.get(), session, replaced != null, view);
            if (replaced != null) {
                replaced.end();
            }
            return Optional.of(completeMaps.snapshot(self.get(), view));
        });
        snapshot.ifPresent(taken -> {
            session.sendFirst(completeMaps.encoded(taken));
            session.startKeepAlives(settings.keepAliveInterval());
            session.stream().closeFuture().addListener(closed -> ended(session));
        });
        return snapshot.isPresent();
    }

    /** Sends the complete map once, for a poll that does not stream. */
    void sendComplete(MapSession session) {
        completeMaps.send(session);
    }

    private void ended(MapSession session) {
        netmap.read(view -> {
            if (streams.remove(session) && view.node(session.nodeId()).isPresent()) {
                presence.streamEnded(session.nodeId());
            }
            return null;
        });
    }
}
