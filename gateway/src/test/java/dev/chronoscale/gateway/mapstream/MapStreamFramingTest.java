package dev.chronoscale.gateway.mapstream;

import static dev.chronoscale.gateway.RecordedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.gateway.RecordedVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MapStreamFramingTest {

    private static List<JsonNode> recordedMapResponses() {
        List<JsonNode> responses = new ArrayList<>();
        for (JsonNode session : RecordedVectors.controlRequests().get("sessions")) {
            for (JsonNode exchange : session.get("exchanges")) {
                if (exchange.get("response").has("messages")) {
                    responses.add(exchange.get("response"));
                }
            }
        }
        return responses;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void readsEveryRecordedMapStreamWhateverTheChunking() throws Exception {
        List<JsonNode> responses = recordedMapResponses();
        assertThat(responses).isNotEmpty();
        Random chunking = new Random(11);
        int total = 0;
        for (JsonNode response : responses) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (JsonNode message : response.get("messages")) {
                byte[] prefix = hex(message.get("length_prefix_hex"));
                assertThat(Unpooled.wrappedBuffer(prefix).readIntLE()).isEqualTo(message.get("length").asInt());
                body.write(prefix);
                body.write(hex(message.get("zstd_hex")));
            }
            MapMessageReader reader = new MapMessageReader();
            List<byte[]> decoded = new ArrayList<>();
            byte[] bytes = body.toByteArray();
            for (int offset = 0; offset < bytes.length; ) {
                int length = Math.min(bytes.length - offset, 1 + chunking.nextInt(900));
                decoded.addAll(reader.feed(Unpooled.wrappedBuffer(bytes, offset, length)));
                offset += length;
            }
            assertThat(reader.pendingBytes()).isZero();
            assertThat(decoded).hasSize(response.get("messages").size());
            for (int i = 0; i < decoded.size(); i++) {
                JsonNode message = response.get("messages").get(i);
                assertThat(decoded.get(i)).hasSize(message.get("json_len").asInt());
                assertThat(sha256(decoded.get(i))).isEqualTo(message.get("json_sha256").asText());
            }
            total += decoded.size();
        }
        assertThat(total).isGreaterThan(20);
    }

    @Test
    void encodedMessagesAreLittleEndianLengthPlusOneZstdFrame() throws Exception {
        byte[] keepAlive = "{\"KeepAlive\":true}".getBytes(StandardCharsets.US_ASCII);

        ByteBuf framed = new MapMessageEncoder().encode(ByteBufAllocator.DEFAULT, keepAlive);

        try {
            int length = framed.getIntLE(0);
            assertThat(framed.readableBytes()).isEqualTo(4 + length);
            assertThat(framed.getIntLE(4)).as("zstd frame magic").isEqualTo(0xFD2FB528);
            assertThat(new MapMessageReader().feed(framed)).singleElement().isEqualTo(keepAlive);
        } finally {
            framed.release();
        }
    }

    @Test
    void reEncodedRecordedMapResponsesDecodeToTheSameBytes() throws Exception {
        MapMessageEncoder encoder = new MapMessageEncoder();
        JsonNode first = recordedMapResponses().get(0).get("messages").get(0);
        byte[] json = new MapMessageReader().feed(Unpooled.wrappedBuffer(hex(first.get("length_prefix_hex")), hex(first.get("zstd_hex")))).get(0);
        byte[] large = new byte[2 * 1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = json[i % json.length];
        }

        MapMessageReader reader = new MapMessageReader();
        ByteBuf both = Unpooled.wrappedBuffer(encoder.encode(ByteBufAllocator.DEFAULT, json), encoder.encode(ByteBufAllocator.DEFAULT, large));
        List<byte[]> decoded = reader.feed(both);
        both.release();

        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(0)).isEqualTo(json);
        assertThat(decoded.get(1)).isEqualTo(large);
    }

    @Test
    void uncompressedMessagesCarryTheJsonAsIs() throws Exception {
        byte[] json = "{\"KeepAlive\":true}".getBytes(StandardCharsets.US_ASCII);
        ByteBuf framed = new MapMessageEncoder().encodeUncompressed(ByteBufAllocator.DEFAULT, json);
        assertThat(new MapMessageReader(false, 1024).feed(framed)).singleElement().isEqualTo(json);
        framed.release();
    }

    @Test
    void refusesMessagesAboveTheLimitAndBrokenFrames() {
        ByteBuf tooLong = Unpooled.buffer().writeIntLE(5 << 20);
        assertThatThrownBy(() -> new MapMessageReader().feed(tooLong)).isInstanceOf(MapStreamException.class);

        ByteBuf notZstd = Unpooled.buffer().writeIntLE(4).writeBytes("{}{}".getBytes());
        assertThatThrownBy(() -> new MapMessageReader().feed(notZstd)).isInstanceOf(MapStreamException.class);

        byte[] bomb = new byte[1 << 20];
        ByteBuf expandsTooMuch = new MapMessageEncoder().encode(ByteBufAllocator.DEFAULT, bomb);
        assertThatThrownBy(() -> new MapMessageReader(true, 64 * 1024).feed(expandsTooMuch))
                .isInstanceOf(MapStreamException.class).hasMessageContaining("decompressed");
        expandsTooMuch.release();
    }

    @Test
    void readsFramesThatDoNotStateTheirSizeAndRefusesCorruptOnes() throws Exception {
        byte[] json = "{\"PeersRemoved\":[1,2,3],\"ControlTime\":\"2026-11-22T00:00:00Z\"}".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (var out = new com.github.luben.zstd.ZstdOutputStream(streamed)) {
            out.write(json);
        }
        byte[] frame = streamed.toByteArray();
        assertThat(com.github.luben.zstd.Zstd.getFrameContentSize(frame)).isNegative();
        assertThat(new MapMessageReader().feed(Unpooled.buffer().writeIntLE(frame.length).writeBytes(frame)))
                .singleElement().isEqualTo(json);

        byte[] whole = com.github.luben.zstd.Zstd.compress(json);
        byte[] sized = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> new MapMessageReader().feed(Unpooled.buffer().writeIntLE(sized.length).writeBytes(sized)))
                .isInstanceOf(MapStreamException.class);
    }
}
