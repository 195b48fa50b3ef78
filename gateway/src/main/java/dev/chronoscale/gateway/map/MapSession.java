package dev.chronoscale.gateway.map;

import dev.chronoscale.tailcfg.PeerChange;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One node's streaming map poll: the HTTP/2 stream its messages go to, framed as the request asked
 * (zstd or not), with a keep-alive whenever the stream has been quiet for the keep-alive interval.
 * Messages may be sent from any thread; they go out in the order they were sent.
 *
 * <p>Peer changes (a peer joined, changed, left, moved, went on- or offline) are batched: the first
 * after a quiet spell goes out at once, later ones wait until the batch delay has passed since the
 * last message and then go out merged into one. When a thousand nodes join, each stream gets a
 * few messages listing many peers instead of a thousand messages of one. Any other message first
 * sends what is pending, so the client sees every change in order.
 */
public final class MapSession {

    private static final EncodedMapMessage KEEP_ALIVE =
            new EncodedMapMessage(dev.chronoscale.tailcfg.MapResponse.keepAliveMessage());

    private final long nodeId;
    private final Channel stream;
    private final boolean zstd;
    /** Set by every message; the keep-alive tick clears it and sends a keep-alive when it was already clear. */
    private final AtomicBoolean sentSinceTick = new AtomicBoolean(true);
    private ScheduledFuture<?> keepAlives;
    private static final long LONG_AGO = TimeUnit.DAYS.toNanos(1);

    private final Object order = new Object();
    private List<EncodedMapMessage> heldUntilFirst = new ArrayList<>();
    private final PendingPeerChanges pending = new PendingPeerChanges();
    /** Read at each batch: it grows with the number of open streams. */
    private final LongSupplier batchDelayNanos;
    private final Clock clock;
    private boolean flushScheduled;
    private long lastWriteNanos;

    MapSession(long nodeId, Channel stream, boolean zstd, LongSupplier batchDelayNanos, Clock clock) {
        this.nodeId = nodeId;
        this.stream = stream;
        this.zstd = zstd;
        this.batchDelayNanos = batchDelayNanos;
        this.clock = clock;
        this.lastWriteNanos = System.nanoTime() - LONG_AGO;
    }

    public long nodeId() {
        return nodeId;
    }

    Channel stream() {
        return stream;
    }

    /** Where the node's connection comes from (the connection is the stream's parent). */
    Optional<String> remoteAddress() {
        Channel connection = stream.parent() == null ? stream : stream.parent();
        return connection.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress().getHostAddress())
                : Optional.empty();
    }

    void peerChanged(RenderedPeer peer) {
        synchronized (order) {
            pending.changed(peer);
            scheduleFlush();
        }
    }

    void peerRemoved(long peerId) {
        synchronized (order) {
            pending.removed(peerId);
            scheduleFlush();
        }
    }

    void peerPatched(PeerChange change) {
        synchronized (order) {
            pending.patched(change);
            scheduleFlush();
        }
    }

    void peerOnline(long peerId, boolean online) {
        synchronized (order) {
            pending.online(peerId, online);
            scheduleFlush();
        }
    }

    /**
     * Sends a message after the peer changes pending before it; messages that arrive before the first
     * (complete) map wait for it.
     */
    void send(EncodedMapMessage message) {
        synchronized (order) {
            if (!pending.isEmpty()) {
                deliver(new EncodedMapMessage(pending.drain(clock.instant())));
            }
            deliver(message);
        }
    }

    /** Sends the complete map, then the changes held back while it was being made. */
    void sendFirst(EncodedMapMessage completeMap) {
        synchronized (order) {
            write(completeMap);
            heldUntilFirst.forEach(this::write);
            heldUntilFirst = null;
            // The batch delay spaces deltas; the first change after the complete map need not wait for it.
            lastWriteNanos = System.nanoTime() - LONG_AGO;
            if (!pending.isEmpty()) {
                scheduleFlush();
            }
        }
    }

    private void deliver(EncodedMapMessage message) {
        if (heldUntilFirst != null) {
            heldUntilFirst.add(message);
        } else {
            write(message);
        }
    }

    /** Called holding {@code order}. */
    private void scheduleFlush() {
        if (flushScheduled || heldUntilFirst != null) {
            return;
        }
        flushScheduled = true;
        long wait = lastWriteNanos + batchDelayNanos.getAsLong() - System.nanoTime();
        try {
            if (wait <= 0) {
                stream.eventLoop().execute(this::flush);
            } else {
                stream.eventLoop().schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException shuttingDown) {
            flushScheduled = false;
        }
    }

    private void flush() {
        synchronized (order) {
            flushScheduled = false;
            if (heldUntilFirst == null && !pending.isEmpty()) {
                write(new EncodedMapMessage(pending.drain(clock.instant())));
            }
        }
    }

    private void write(EncodedMapMessage message) {
        sentSinceTick.set(true);
        lastWriteNanos = System.nanoTime();
        stream.writeAndFlush(new DefaultHttpContent(message.framed(zstd)));
    }

    /**
     * Sends keep-alives on the stream's event loop until the stream closes: the stream is checked
     * every half interval, so it is never silent for longer than the interval.
     */
    void startKeepAlives(Duration interval) {
        long tick = interval.toNanos() / 2;
        keepAlives = stream.eventLoop().scheduleAtFixedRate(() -> {
            if (!sentSinceTick.getAndSet(false)) {
                send(KEEP_ALIVE);
            }
        }, tick, tick, TimeUnit.NANOSECONDS);
        stream.closeFuture().addListener(closed -> keepAlives.cancel(false));
    }

    /** Ends the response (the client will poll again) and closes the stream. */
    void end() {
        stream.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
}
