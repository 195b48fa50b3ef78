package dev.chronoscale.derp.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random headers and payloads for every frame type: decoding either yields a frame, waits for more
 * bytes, or raises {@link MalformedFrameException}; never any other exception (which would mean an
 * unchecked length or index somewhere). Seeded, so a failure reproduces.
 */
class DerpFrameCodecRandomInputTest {
    @Test
    void randomFramesNeverEscapeAsAnythingButMalformedFrame() {
        Random random = new Random(20261122);
        int frames = 0;
        int malformed = 0;
        for (int i = 0; i < 50_000; i++) {
            int type = random.nextInt(4) == 0 ? random.nextInt(256) : 1 + random.nextInt(0x15);
            int length = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(8);
                case 1 -> random.nextInt(128);
                case 2 -> 32 + random.nextInt(64);
                default -> random.nextInt(2048);
            };
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            if (type == FrameType.SERVER_KEY && random.nextBoolean() && length >= 8) {
                System.arraycopy(ServerKey.MAGIC, 0, payload, 0, 8);
            }
            ByteBuf buf = Unpooled.buffer().writeByte(type).writeInt(length).writeBytes(payload);
            try {
                DerpFrame frame = DerpFrameCodec.read(buf);
                assertThat(frame).isNotNull();
                assertThat(buf.readableBytes()).isZero();
                frames++;
                if (!(frame instanceof UnknownFrame)) {
                    ByteBuf again = Unpooled.buffer();
                    DerpFrameCodec.write(frame, again);
                    assertThat(DerpFrameCodec.read(again)).isNotNull();
                }
            } catch (MalformedFrameException expected) {
                malformed++;
            }
        }
        assertThat(frames).isPositive();
        assertThat(malformed).isPositive();
    }
}
