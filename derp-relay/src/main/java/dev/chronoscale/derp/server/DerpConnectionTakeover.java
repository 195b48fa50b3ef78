package dev.chronoscale.derp.server;

import dev.chronoscale.derp.frame.DerpFrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import dev.chronoscale.derp.frame.WebSocketDerpStream;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where an HTTP/1.1 connection becomes a DERP connection. Works in any pipeline shaped
 * {@code [SslHandler] ... HttpServerCodec ... (the host's HTTP handlers)}: everything after the
 * {@link HttpServerCodec} is removed, the DERP handlers are added behind it, and then the codec itself is
 * removed, so bytes it had already read past the request (a fast-start client's ClientInfo) flow into
 * the DERP decoder rather than being lost.
 *
 * <p>Resulting pipelines: {@code [ssl] derp-codec derp-session} or, for WebSocket,
 * {@code [ssl] wsdecoder wsencoder derp-websocket-frames derp-codec derp-session}.
 */
public final class DerpConnectionTakeover {
    static final String CODEC = "derp-codec";
    static final String SESSION = "derp-session";
    static final String WEBSOCKET_FRAMES = "derp-websocket-frames";
    private static final String DERP_SUBPROTOCOL = "derp";
    private static final int MAX_WEBSOCKET_MESSAGE = DerpFrameCodec.MAX_FRAME_LENGTH + DerpFrameCodec.HEADER_LENGTH;

    private final DerpServer server;

    public DerpConnectionTakeover(DerpServer server) {
        this.server = server;
    }

    /**
     * {@code Upgrade: DERP}: answers 101 exactly as derper does (or nothing, for {@code Derp-Fast-Start: 1})
     * and hands the socket to the DERP session.
     */
    public void takeOverAsDerp(ChannelHandlerContext ctx, HttpRequest request) {
        tuneForRelaying(ctx.channel());
        boolean fastStart = "1".equals(request.headers().get("Derp-Fast-Start"));
        ChannelPipeline pipeline = ctx.pipeline();
        ChannelHandlerContext codec = httpCodec(pipeline);
        removeHandlersAfter(pipeline, codec);
        DerpServerSession session = server.newDeferredSession(wantsAnotherNode(request));
        pipeline.addLast(CODEC, new DerpFrameCodec());
        pipeline.addLast(SESSION, session);
        if (!fastStart) {
            // Written from the HTTP codec's position: below it, so as raw bytes, but above any TLS handler.
            codec.writeAndFlush(switchingProtocols());
        }
        // Removing the HTTP codec hands any bytes it read past the request to the DERP codec; the session
        // holds the frames and only starts (ServerKey first) once nothing HTTP is left in the pipeline.
        pipeline.remove(codec.handler());
        session.begin(pipeline.context(SESSION));
    }

    /** {@code Upgrade: websocket} with subprotocol {@code derp}: binary messages carry the DERP byte stream. */
    public void takeOverAsWebSocket(ChannelHandlerContext ctx, HttpRequest request) {
        ChannelPipeline pipeline = ctx.pipeline();
        ChannelHandlerContext codec = httpCodec(pipeline);
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                webSocketUrl(ctx, request), DERP_SUBPROTOCOL, false, MAX_WEBSOCKET_MESSAGE);
        FullHttpRequest bodiless = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
        WebSocketServerHandshaker handshaker = factory.newHandshaker(bodiless);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        tuneForRelaying(ctx.channel());
        removeHandlersAfter(pipeline, codec);
        // The handshaker inserts the WebSocket frame codecs next to the HTTP codec and removes it once the
        // 101 is written; the client sends nothing before reading that 101.
        handshaker.handshake(ctx.channel(), bodiless).addListener(f -> {
            if (!f.isSuccess()) {
                ctx.channel().close();
            }
        });
        pipeline.addLast(WEBSOCKET_FRAMES, new WebSocketDerpStream());
        pipeline.addLast(CODEC, new DerpFrameCodec());
        pipeline.addLast(SESSION, server.newSession(wantsAnotherNode(request)));
    }

    /**
     * One socket read per event-loop turn (Netty's default is up to 16): a flooding sender then cannot
     * fill its receivers' queues from a single turn before their drains run, which kept delivered
     * throughput 2-3x higher under load in {@code bench derp}. The larger high-water mark lets a receiver's drain
     * hand the kernel more per flush.
     */
    private static void tuneForRelaying(Channel channel) {
        channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(1));
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64 << 10, 256 << 10));
        if (channel.config() instanceof SocketChannelConfig socket) {
            socket.setTcpNoDelay(true);
        }
    }

    /** tailscaled sends {@code Ideal-Node: <name>} when this is not its region's first node. */
    private static boolean wantsAnotherNode(HttpRequest request) {
        String ideal = request.headers().get("Ideal-Node");
        return ideal != null && !ideal.isEmpty();
    }

    static boolean offersDerpSubprotocol(HttpRequest request) {
        for (String value : request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String p : value.split(",")) {
                if (p.trim().equals(DERP_SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** derper's literal 101: these headers, this order, no Date. */
    private ByteBuf switchingProtocols() {
        String text = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: DERP\r\n"
                + "Connection: Upgrade\r\n"
                + "Derp-Version: 2\r\n"
                + "Derp-Public-Key: " + server.publicKey().untypedHex() + "\r\n\r\n";
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static ChannelHandlerContext httpCodec(ChannelPipeline pipeline) {
        ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
        if (codec == null) {
            throw new IllegalStateException("DERP takeover needs an HttpServerCodec in the pipeline");
        }
        return codec;
    }

    private static void removeHandlersAfter(ChannelPipeline pipeline, ChannelHandlerContext codec) {
        List<String> names = pipeline.names();
        List<ChannelHandler> after = new ArrayList<>();
        boolean seen = false;
        for (String name : names) {
            ChannelHandlerContext c = pipeline.context(name);
            if (c == null) {
                continue; // the tail
            }
            if (seen) {
                after.add(c.handler());
            }
            if (c == codec) {
                seen = true;
            }
        }
        after.forEach(pipeline::remove);
    }

    private static String webSocketUrl(ChannelHandlerContext ctx, HttpRequest request) {
        String scheme = ctx.pipeline().get(SslHandler.class) != null ? "wss" : "ws";
        String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        return scheme + "://" + host + request.uri();
    }
}
