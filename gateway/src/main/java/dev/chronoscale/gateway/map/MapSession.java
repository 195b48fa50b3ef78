package dev.chronoscale.gateway.map;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node's streaming map poll: the HTTP/2 stream its messages go to, framed as the request asked
 * (zstd or not), with a keep-alive whenever the stream has been quiet for the keep-alive interval.
 * Messages may be sent from any thread; Netty keeps them in the order they were sent.
 */
public final class MapSession {

    private static final EncodedMapMessage KEEP_ALIVE =
            new EncodedMapMessage(dev.chronoscale.gateway.tailcfg.MapResponse.keepAliveMessage());

    private final long nodeId;
    private final Channel stream;
    private final boolean zstd;
    /** Set by every message; the keep-alive tick clears it and sends a keep-alive when it was already clear. */
    private final AtomicBoolean sentSinceTick = new AtomicBoolean(true);
    private ScheduledFuture<?> keepAlives;
    private final Object order = new Object();
    private List<EncodedMapMessage> heldUntilFirst = new ArrayList<>();

    MapSession(long nodeId, Channel stream, boolean zstd) {
        this.nodeId = nodeId;
        this.stream = stream;
        this.zstd = zstd;
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

    /** Sends a change; changes that arrive before the first (complete) map wait for it. */
    void send(EncodedMapMessage message) {
        synchronized (order) {
            if (heldUntilFirst != null) {
                heldUntilFirst.add(message);
                return;
            }
            write(message);
        }
    }

    /** Sends the complete map, then the changes held back while it was being made. */
    void sendFirst(EncodedMapMessage completeMap) {
        synchronized (order) {
            write(completeMap);
            heldUntilFirst.forEach(this::write);
            heldUntilFirst = null;
        }
    }

    private void write(EncodedMapMessage message) {
        sentSinceTick.set(true);
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
