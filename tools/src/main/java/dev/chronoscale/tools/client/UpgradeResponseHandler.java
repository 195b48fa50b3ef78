package dev.chronoscale.tools.client;

import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseHandshakeException;
import dev.chronoscale.gateway.noise.NoiseSession;
import dev.chronoscale.gateway.noise.NoiseTransportCodec;
import dev.chronoscale.gateway.noise.NoiseWireFormat;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Client side of the protocol switch: sends {@code POST /ts2021} with the Noise initiation,
 * reads the {@code 101} and the server's handshake reply, then replaces itself with the Noise
 * transport and an HTTP/2 client codec. Any bytes that arrived behind the reply are handed to
 * the Noise codec.
 */
final class UpgradeResponseHandler extends ByteToMessageDecoder {

    private static final int MAX_HEADER_BLOCK = 16 * 1024;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final String hostHeader;
    private final NoiseHandshake.Initiator initiator;
    private final CompletableFuture<NoiseSession> result;
    private final CompletableFuture<Optional<String>> earlyPayload;
    private boolean headersDone;

    UpgradeResponseHandler(String hostHeader, NoiseHandshake.Initiator initiator, CompletableFuture<NoiseSession> result,
                           CompletableFuture<Optional<String>> earlyPayload) {
        this.hostHeader = hostHeader;
        this.initiator = initiator;
        this.result = result;
        this.earlyPayload = earlyPayload;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String request = "POST /ts2021 HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: chronoscale-ts2021-client\r\n"
                + "Content-Length: 0\r\n"
                + "Connection: upgrade\r\n"
                + "Upgrade: tailscale-control-protocol\r\n"
                + "X-Tailscale-Handshake: " + Base64.getEncoder().encodeToString(initiator.initiation().toBytes()) + "\r\n"
                + "\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (result.isDone()) {
            return;
        }
        try {
            if (!headersDone && !readSwitchingProtocols(in)) {
                return;
            }
            readHandshakeReply(ctx, in);
        } catch (Ts2021HandshakeFailedException e) {
            in.skipBytes(in.readableBytes());
            result.completeExceptionally(e);
            ctx.close();
        }
    }

    private boolean readSwitchingProtocols(ByteBuf in) throws Ts2021HandshakeFailedException {
        int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(HEADER_END), in);
        if (end < 0) {
            if (in.readableBytes() > MAX_HEADER_BLOCK) {
                throw new Ts2021HandshakeFailedException("HTTP response header block too large");
            }
            return false;
        }
        String head = in.readCharSequence(end - in.readerIndex(), StandardCharsets.ISO_8859_1).toString();
        in.skipBytes(HEADER_END.length);
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new Ts2021HandshakeFailedException("server did not switch protocols: " + lines[0]);
        }
        boolean upgraded = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("upgrade")) {
                upgraded = lines[i].substring(colon + 1).trim().equals("tailscale-control-protocol");
            }
        }
        if (!upgraded) {
            throw new Ts2021HandshakeFailedException("101 response without Upgrade: tailscale-control-protocol");
        }
        headersDone = true;
        return true;
    }

    private void readHandshakeReply(ChannelHandlerContext ctx, ByteBuf in) throws Ts2021HandshakeFailedException {
        if (in.readableBytes() < NoiseWireFormat.HEADER_LENGTH) {
            return;
        }
        byte type = in.getByte(in.readerIndex());
        int length = in.getUnsignedShort(in.readerIndex() + 1);
        if (in.readableBytes() < NoiseWireFormat.HEADER_LENGTH + length) {
            return;
        }
        if (type == NoiseWireFormat.TYPE_ERROR) {
            String text = in.toString(in.readerIndex() + NoiseWireFormat.HEADER_LENGTH, length, StandardCharsets.UTF_8);
            throw new Ts2021HandshakeFailedException("server error: " + text);
        }
        if (type != NoiseWireFormat.TYPE_RESPONSE || length != NoiseWireFormat.RESPONSE_PAYLOAD_LENGTH) {
            throw new Ts2021HandshakeFailedException("unexpected handshake reply type " + type + " length " + length);
        }
        byte[] reply = new byte[NoiseWireFormat.RESPONSE_LENGTH];
        in.readBytes(reply);
        NoiseSession session;
        try {
            session = initiator.finish(Response.parse(reply));
        } catch (NoiseHandshakeException e) {
            throw new Ts2021HandshakeFailedException("handshake failed: " + e.getMessage(), e);
        }
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), "ts2021-noise", new NoiseTransportCodec(session));
        pipeline.addAfter("ts2021-noise", "ts2021-early-payload", new EarlyPayloadDecoder(earlyPayload::complete));
        pipeline.addAfter("ts2021-early-payload", "ts2021-h2", Http2FrameCodecBuilder.forClient().build());
        pipeline.addAfter("ts2021-h2", "ts2021-h2-streams", new Http2MultiplexHandler(new RefuseServerStreams()));
        pipeline.remove(this);
        result.complete(session);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new Ts2021HandshakeFailedException("connection closed during the handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(new Ts2021HandshakeFailedException("handshake failed", cause));
        ctx.close();
    }

    /** Control servers never push streams to clients. */
    @ChannelHandler.Sharable
    private static final class RefuseServerStreams extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }
}
