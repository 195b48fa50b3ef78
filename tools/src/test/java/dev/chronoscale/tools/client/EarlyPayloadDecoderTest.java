package dev.chronoscale.tools.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EarlyPayloadDecoderTest {

    /** The server's first HTTP/2 frame as recorded (SETTINGS, record 0 of ts2021-session.json). */
    private static final byte[] SERVER_SETTINGS = ByteBufUtil.decodeHexDump(
            "00001e0400000000000005001000000003000000fa000600100140000100001000000400100000");

    private static byte[] drain(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf buf; (buf = channel.readInbound()) != null; ) {
            all.writeBytes(buf);
            buf.release();
        }
        return ByteBufUtil.getBytes(all);
    }

    @Test
    void takesOffAnEarlyPayloadSplitAcrossReadsAndPassesTheRestOn() {
        String json = "{\"nodeKeyChallenge\":\"chalpub:" + "ab".repeat(32) + "\"}";
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf stream = Unpooled.buffer().writeBytes(EarlyPayloadDecoder.MAGIC).writeInt(jsonBytes.length)
                .writeBytes(jsonBytes).writeBytes(SERVER_SETTINGS);
        List<Optional<String>> seen = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new EarlyPayloadDecoder(seen::add));

        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(Math.min(7, stream.readableBytes())));
        }
        stream.release();

        assertThat(seen).containsExactly(Optional.of(json));
        assertThat(drain(channel)).isEqualTo(SERVER_SETTINGS);
        assertThat(channel.pipeline().get(EarlyPayloadDecoder.class)).isNull();
    }

    @Test
    void passesAnHttp2StreamThroughUntouched() {
        List<Optional<String>> seen = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new EarlyPayloadDecoder(seen::add));

        channel.writeInbound(Unpooled.wrappedBuffer(SERVER_SETTINGS));

        assertThat(seen).containsExactly(Optional.empty());
        assertThat(drain(channel)).isEqualTo(SERVER_SETTINGS);
    }
}
