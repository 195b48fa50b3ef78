package dev.chronoscale.gateway.ts2021;

import io.netty.channel.ChannelHandler;

/**
 * Makes the handler for one HTTP/2 stream of an authenticated ts2021 connection. It is called
 * once per stream the client opens (register, map poll, lite update, ...), on the connection's
 * event loop.
 *
 * <p>The stream's pipeline already holds Netty's {@code Http2StreamFrameToHttpObjectCodec}, so the
 * returned handler reads {@code HttpRequest}, {@code HttpContent} and {@code LastHttpContent} and
 * writes {@code HttpResponse}/{@code HttpContent} objects exactly as on HTTP/1.1; each flushed
 * {@code HttpContent} becomes a DATA frame, which is what a streaming map response needs. Return a
 * {@code ChannelInitializer} to install several handlers (e.g. an {@code HttpObjectAggregator}).
 */
@FunctionalInterface
public interface Http2StreamHandlerFactory {

    ChannelHandler newStreamHandler(AuthenticatedMachine machine);
}
