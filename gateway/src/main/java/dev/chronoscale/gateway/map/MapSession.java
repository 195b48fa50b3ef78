package dev.chronoscale.gateway.map;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
    private volatile long lastSentNanos = System.nanoTime();
    private ScheduledFuture<?> keepAlives;

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

    void send(EncodedMapMessage message) {
        lastSentNanos = System.nanoTime();
        stream.writeAndFlush(new DefaultHttpContent(message.framed(zstd)));
    }

    /** Sends keep-alives on the stream's event loop until the stream closes. */
    void startKeepAlives(Duration interval) {
        long nanos = interval.toNanos();
        keepAlives = stream.eventLoop().scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastSentNanos >= nanos / 2) {
                send(KEEP_ALIVE);
            }
        }, nanos / 2, nanos / 2, TimeUnit.NANOSECONDS);
        stream.closeFuture().addListener(closed -> keepAlives.cancel(false));
    }

    /** Ends the response (the client will poll again) and closes the stream. */
    void end() {
        stream.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
}
