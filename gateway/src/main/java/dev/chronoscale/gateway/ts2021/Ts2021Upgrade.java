package dev.chronoscale.gateway.ts2021;

import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseHandshakeException;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseTransportCodec;
import dev.chronoscale.gateway.noise.NoiseWireFormat.HandshakeError;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Initiation;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import dev.chronoscale.tailcfg.CapabilityVersion;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /ts2021}: switches an HTTP/1.1 connection to Tailscale's control protocol, either by an
 * HTTP upgrade ({@code Upgrade: tailscale-control-protocol}, native clients) or by a WebSocket
 * ({@code tailscale-control-protocol} subprotocol, browser clients). Both carry the client's Noise
 * initiation in the request ({@code X-Tailscale-Handshake}, header or query parameter); the server
 * answers it right after the 101, and from then on the connection is HTTP/2 with prior knowledge
 * inside Noise records.
 *
 * <p>Pipeline after the switch (handlers that sat in front of the HTTP/1 codec, such as TLS,
 * stay in front):
 * <pre>
 *   [ts2021-websocket] -> ts2021-noise -> ts2021-h2 -> ts2021-h2-streams -> ts2021-close-on-error
 *                                                           |
 *                          per stream: Http2StreamFrameToHttpObjectCodec -> your handler
 * </pre>
 */
public final class Ts2021Upgrade {

    public static final String PATH = "/ts2021";
    /** Value of the {@code Upgrade} header and of the WebSocket subprotocol. */
    public static final String PROTOCOL = "tailscale-control-protocol";
    /** Request header (HTTP upgrade) or query parameter (WebSocket) with the base64 initiation. */
    public static final String HANDSHAKE_HEADER = "X-Tailscale-Handshake";

    private static final System.Logger LOG = System.getLogger(Ts2021Upgrade.class.getName());
    private static final int MAX_WEBSOCKET_FRAME = 1 << 20;
    /** Go's HTTP/2 server default, which Tailscale's and Headscale's servers run with. */
    private static final int MAX_CONCURRENT_STREAMS = 250;

    private final ServerNoiseKey serverKey;
    private final Http2StreamHandlerFactory streams;
    private final int minimumCapabilityVersion;
    private final Supplier<NoiseKeyPair> ephemeralKeys;

    /**
     * Clients older than {@link CapabilityVersion#MINIMUM} are refused during the handshake with a Noise error
     * message, which {@code tailscale up} prints.
     */
    public Ts2021Upgrade(ServerNoiseKey serverKey, Http2StreamHandlerFactory streams) {
        this(serverKey, streams, CapabilityVersion.MINIMUM);
    }

    /** @param minimumCapabilityVersion the oldest client version let through, in place of the supported minimum */
    public Ts2021Upgrade(ServerNoiseKey serverKey, Http2StreamHandlerFactory streams, int minimumCapabilityVersion) {
        this(serverKey, streams, minimumCapabilityVersion, NoiseKeyPair::generate);
    }

    /** Tests pass recorded ephemeral keys here to make the server's answer reproducible. */
    Ts2021Upgrade(ServerNoiseKey serverKey, Http2StreamHandlerFactory streams, int minimumCapabilityVersion,
                  Supplier<NoiseKeyPair> ephemeralKeys) {
        this.serverKey = serverKey;
        this.streams = streams;
        this.minimumCapabilityVersion = minimumCapabilityVersion;
        this.ephemeralKeys = ephemeralKeys;
    }

    /**
     * Takes over the connection for a request routed to {@link #PATH}. Call it on the event loop
     * from a handler placed after {@code HttpServerCodec} and {@code HttpObjectAggregator}. It
     * either answers 400 (the connection stays HTTP/1.1) or switches protocols: that removes the
     * HTTP/1 codec and every handler after it, the caller included. The request stays owned by
     * the caller (release it as usual).
     */
    public void install(ChannelHandlerContext ctx, FullHttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null) {
            reject(ctx, "missing next protocol (a reverse proxy in front of this server must pass the Upgrade"
                    + " and Connection headers through for /ts2021)");
        } else if (upgrade.equalsIgnoreCase(HttpHeaderValues.WEBSOCKET.toString())) {
            acceptWebSocket(ctx, request);
        } else if (!upgrade.equals(PROTOCOL)) {
            reject(ctx, "unknown next protocol");
        } else {
            acceptHttpUpgrade(ctx, request);
        }
    }

    private void acceptHttpUpgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        byte[] initiation = decodeHandshake(request.headers().get(HANDSHAKE_HEADER));
        if (initiation == null) {
            reject(ctx, "missing or invalid Tailscale handshake header");
            return;
        }
        switchProtocols(ctx, initiation, Optional.empty());
    }

    private void acceptWebSocket(ChannelHandlerContext ctx, FullHttpRequest request) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(HANDSHAKE_HEADER);
        byte[] initiation = decodeHandshake(values == null || values.isEmpty() ? null : values.get(0));
        String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
        if (initiation == null) {
            reject(ctx, "missing or invalid Tailscale handshake parameter");
            return;
        }
        if (!List.of(offered.split("\\s*,\\s*")).contains(PROTOCOL)) {
            reject(ctx, "client must speak the control subprotocol");
            return;
        }
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + PATH;
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(location, PROTOCOL, false, MAX_WEBSOCKET_FRAME).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        // Netty's handshaker writes the 101, puts its WebSocket codec in front of the HTTP/1 codec
        // and removes the latter once the 101 is out; the rest of the switch follows.
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (done.isSuccess()) {
                switchProtocols(ctx, initiation, Optional.of(new WebSocketByteStream()));
            } else {
                ctx.channel().close();
            }
        });
    }

    /**
     * The protocol switch, the one place where the pipeline changes, for both variants:
     * <ol>
     *   <li>HTTP/1 goes: the 101 is written through the HTTP/1 codec (the WebSocket handshaker has
     *       already done that for its variant), then the codec and every handler behind it,
     *       {@code ctx}'s included, are removed; a WebSocket adapter takes their place if needed;</li>
     *   <li>the Noise initiation is answered on the bare byte stream (a refusal gets a Noise error
     *       message, unauthenticated and of fixed text, and the connection is closed);</li>
     *   <li>Noise records and HTTP/2 (prior knowledge) are stacked on top.</li>
     * </ol>
     * The client sends nothing before it has read the handshake reply, so no Noise bytes can be
     * left behind in the HTTP/1 decoder.
     */
    private void switchProtocols(ChannelHandlerContext ctx, byte[] initiationBytes, Optional<ChannelHandler> webSocket) {
        Channel channel = ctx.channel();
        ChannelPipeline pipeline = channel.pipeline();
        if (webSocket.isEmpty()) {
            FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
            switching.headers().set(HttpHeaderNames.UPGRADE, PROTOCOL).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            // On the event loop the codec encodes the 101 before writeAndFlush returns; then it can go.
            ctx.writeAndFlush(switching).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            String codec = http1CodecName(pipeline);
            removeHandlersAfter(pipeline, codec);
            pipeline.remove(codec);
        } else {
            removeHandlersAfter(pipeline, pipeline.context(WebSocketFrameDecoder.class).name());
            pipeline.addLast("ts2021-websocket", webSocket.get());
        }

        NoiseHandshake.Accepted accepted;
        try {
            Initiation initiation = Initiation.parse(initiationBytes);
            if (initiation.protocolVersion() < minimumCapabilityVersion) {
                throw new NoiseHandshakeException("client capability version " + initiation.protocolVersion(),
                        "client version too old; this server needs Tailscale " + CapabilityVersion.MINIMUM_RELEASE
                                + " or newer");
            }
            accepted = NoiseHandshake.respond(initiation, serverKey.keyPair(), ephemeralKeys.get());
        } catch (NoiseHandshakeException refused) {
            LOG.log(System.Logger.Level.DEBUG, () -> "refused ts2021 handshake from " + channel.remoteAddress()
                    + ": " + refused.getMessage());
            channel.writeAndFlush(Unpooled.wrappedBuffer(new HandshakeError(refused.clientMessage()).toBytes()))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        channel.write(Unpooled.wrappedBuffer(accepted.response().toBytes()));

        AuthenticatedMachine machine = new AuthenticatedMachine(accepted.session().peer(),
                accepted.session().protocolVersion(), channel.remoteAddress());
        channel.attr(AuthenticatedMachine.CHANNEL_ATTRIBUTE).set(machine);
        pipeline.addLast("ts2021-noise", new NoiseTransportCodec(accepted.session()));
        pipeline.addLast("ts2021-h2", Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                .build());
        pipeline.addLast("ts2021-h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), streams.newStreamHandler(machine));
            }
        }));
        pipeline.addLast("ts2021-close-on-error", CloseOnUnhandledError.INSTANCE);
        channel.flush();
    }

    private static String http1CodecName(ChannelPipeline pipeline) {
        for (Map.Entry<String, ChannelHandler> entry : pipeline.toMap().entrySet()) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof HttpServerCodec || handler instanceof HttpRequestDecoder
                    || handler instanceof HttpResponseEncoder) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("no HTTP/1 codec in the pipeline: " + pipeline.names());
    }

    /** Last first, so a handler being removed never hands bytes to one already gone. */
    private static void removeHandlersAfter(ChannelPipeline pipeline, String name) {
        List<String> names = new ArrayList<>(pipeline.toMap().keySet());
        for (int i = names.size() - 1; i > names.indexOf(name); i--) {
            pipeline.remove(names.get(i));
        }
    }

    private static byte[] decodeHandshake(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void reject(ChannelHandlerContext ctx, String reason) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.writeAndFlush(response);
    }
}
