package dev.chronoscale.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Another protocol sharing the public port (the embedded DERP relay): it claims some requests and
 * answers them or takes the connection over. The caller keeps ownership of the request.
 */
public interface ConnectionTakeover {

    boolean handles(HttpRequest request);

    /** Answers, or switches the connection to its own protocol; long-lived, so no read timeout applies. */
    void serve(ChannelHandlerContext ctx, HttpRequest request);
}
