package dev.chronoscale.derp.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the relay's answer to {@code Upgrade: DERP} up to the blank line, requires status 101 (the only
 * thing Tailscale's client checks), then removes itself. Bytes after the header block (the ServerKey frame,
 * often in the same segment) stay in the pipeline for the DERP decoder that follows.
 */
final class UpgradeResponseDecoder extends ByteToMessageDecoder {
    private static final int MAX_HEADER_BYTES = 16 << 10;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int end = indexOfBlankLine(in);
        if (end < 0) {
            if (in.readableBytes() > MAX_HEADER_BYTES) {
                throw new DecoderException("HTTP response header too long");
            }
            return;
        }
        String head = in.readCharSequence(end - in.readerIndex() + 4, StandardCharsets.ISO_8859_1).toString();
        String statusLine = head.substring(0, head.indexOf("\r\n"));
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("101")) {
            throw new DecoderException("relay refused the DERP upgrade: " + statusLine);
        }
        ctx.pipeline().remove(this);
    }

    private static int indexOfBlankLine(ByteBuf in) {
        for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
