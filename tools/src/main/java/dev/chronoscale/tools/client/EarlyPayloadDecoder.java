package dev.chronoscale.tools.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sits between Noise and HTTP/2 on the client and takes off the optional "early payload" a
 * server may send first (Headscale does; Tailscale's test server does not):
 *
 * <pre>
 *   ff ff ff 'T' 'S' | length (4 BE) | JSON tailcfg.EarlyNoise, e.g. {"nodeKeyChallenge":"chalpub:..."}
 * </pre>
 *
 * The magic cannot start an HTTP/2 frame header (it would announce a 16 MiB frame), so the first
 * 9 plaintext bytes tell which one it is. Then this handler removes itself.
 */
final class EarlyPayloadDecoder extends ByteToMessageDecoder {

    static final byte[] MAGIC = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 'T', 'S'};
    private static final int HEADER_LENGTH = MAGIC.length + 4;
    /** The limit Tailscale's client applies. */
    private static final int MAX_PAYLOAD_LENGTH = 10 << 20;

    private final Consumer<Optional<String>> onEarlyPayload;

    EarlyPayloadDecoder(Consumer<Optional<String>> onEarlyPayload) {
        this.onEarlyPayload = onEarlyPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.getByte(start + i) != MAGIC[i]) {
                onEarlyPayload.accept(Optional.empty());
                ctx.pipeline().remove(this);
                return;
            }
        }
        long length = in.getUnsignedInt(start + MAGIC.length);
        if (length > MAX_PAYLOAD_LENGTH) {
            throw new CorruptedFrameException("early payload of " + length + " bytes");
        }
        if (in.readableBytes() < HEADER_LENGTH + length) {
            return;
        }
        String json = in.toString(start + HEADER_LENGTH, (int) length, StandardCharsets.UTF_8);
        in.skipBytes(HEADER_LENGTH + (int) length);
        onEarlyPayload.accept(Optional.of(json));
        ctx.pipeline().remove(this);
    }
}
