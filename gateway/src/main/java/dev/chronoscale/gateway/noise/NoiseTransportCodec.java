package dev.chronoscale.gateway.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import java.util.List;

/**
 * The Noise transport as a Netty handler: inbound, it frames and decrypts records into the
 * plaintext byte stream; outbound, it cuts whatever bytes are written into records of at most
 * {@value NoiseWireFormat#MAX_PLAINTEXT_LENGTH} plaintext bytes and encrypts them.
 *
 * <p>Any bad record (wrong type, longer than {@value NoiseWireFormat#MAX_RECORD_LENGTH} bytes,
 * failed authentication) ends the connection: there is no way to resynchronise a Noise stream.
 */
public final class NoiseTransportCodec extends ByteToMessageCodec<ByteBuf> {

    private static final System.Logger LOG = System.getLogger(NoiseTransportCodec.class.getName());

    private final NoiseCipherState sender;
    private final NoiseCipherState receiver;
    private final byte[] plainScratch = new byte[NoiseWireFormat.MAX_CIPHERTEXT_LENGTH];
    private final byte[] cipherScratch = new byte[NoiseWireFormat.MAX_CIPHERTEXT_LENGTH];
    private boolean failed;

    public NoiseTransportCodec(NoiseSession session) {
        super(ByteBuf.class);
        this.sender = session.newSender();
        this.receiver = session.newReceiver();
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf plaintext, ByteBuf out) throws NoiseRecordException {
        while (plaintext.isReadable()) {
            int length = Math.min(plaintext.readableBytes(), NoiseWireFormat.MAX_PLAINTEXT_LENGTH);
            plaintext.readBytes(plainScratch, 0, length);
            int sealed = sender.seal(plainScratch, 0, length, cipherScratch, 0);
            out.writeByte(NoiseWireFormat.TYPE_RECORD);
            out.writeShort(sealed);
            out.writeBytes(cipherScratch, 0, sealed);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws NoiseRecordException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= NoiseWireFormat.HEADER_LENGTH) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            if (type != NoiseWireFormat.TYPE_RECORD) {
                throw new NoiseRecordException("unexpected message type " + type + " in transport");
            }
            int length = in.getUnsignedShort(start + 1);
            if (length > NoiseWireFormat.MAX_CIPHERTEXT_LENGTH) {
                throw new NoiseRecordException("record of " + (length + NoiseWireFormat.HEADER_LENGTH)
                        + " bytes exceeds " + NoiseWireFormat.MAX_RECORD_LENGTH);
            }
            if (in.readableBytes() < NoiseWireFormat.HEADER_LENGTH + length) {
                return;
            }
            in.skipBytes(NoiseWireFormat.HEADER_LENGTH);
            in.readBytes(cipherScratch, 0, length);
            int plainLength = receiver.open(cipherScratch, 0, length, plainScratch, 0);
            // Zero-length records are legal; they carry nothing for the layer above.
            if (plainLength > 0) {
                ByteBuf plain = ctx.alloc().heapBuffer(plainLength);
                plain.writeBytes(plainScratch, 0, plainLength);
                out.add(plain);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if ((cause instanceof DecoderException || cause instanceof EncoderException)
                && cause.getCause() instanceof NoiseRecordException record) {
            failed = true;
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + ctx.channel() + ": " + record.getMessage());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
