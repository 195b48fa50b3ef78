package dev.chronoscale.gateway.noise;

import static dev.chronoscale.gateway.RecordedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.gateway.RecordedVectors;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Initiation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseTransportCodecTest {

    private static NoiseSession recordedServerSession() throws Exception {
        JsonNode hs = RecordedVectors.recordedSession().get("handshake");
        return NoiseHandshake.respond(Initiation.parse(hex(hs.get("initiation_message_hex"))),
                NoiseKeyPair.fromPrivate(hex(hs.get("server_static_private"))),
                NoiseKeyPair.fromPrivate(hex(hs.get("server_ephemeral_private")))).session();
    }

    @Test
    void everyRecordedRecordOpensToItsPlaintextAndSealsToItsCiphertext() throws Exception {
        NoiseSession session = recordedServerSession();
        NoiseCipherState fromClient = session.newReceiver();
        NoiseCipherState toClient = session.newSender();
        JsonNode records = RecordedVectors.recordedSession().get("records");
        assertThat(records.size()).isEqualTo(RecordedVectors.recordedSession().get("record_count").asInt());

        int c2s = 0;
        int s2c = 0;
        for (JsonNode record : records) {
            byte[] frame = hex(record.get("frame_hex"));
            byte[] plaintext = hex(record.get("plaintext_hex"));
            assertThat(frame[0]).isEqualTo(NoiseWireFormat.TYPE_RECORD);
            assertThat(((frame[1] & 0xff) << 8) | (frame[2] & 0xff)).isEqualTo(frame.length - 3);
            byte[] ciphertext = java.util.Arrays.copyOfRange(frame, 3, frame.length);
            if (record.get("dir").asText().equals("c2s")) {
                assertThat(fromClient.counter()).isEqualTo(record.get("nonce").asLong());
                assertThat(fromClient.open(ciphertext)).isEqualTo(plaintext);
                c2s++;
            } else {
                assertThat(toClient.counter()).isEqualTo(record.get("nonce").asLong());
                assertThat(toClient.seal(plaintext)).isEqualTo(ciphertext);
                s2c++;
            }
        }
        assertThat(c2s).isGreaterThan(10);
        assertThat(s2c).isGreaterThan(10);
    }

    @Test
    void theCodecDecryptsTheRecordedClientStreamWhateverTheTcpChunking() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (JsonNode record : RecordedVectors.recordedSession().get("records")) {
            if (record.get("dir").asText().equals("c2s")) {
                wire.write(hex(record.get("frame_hex")));
                expected.write(hex(record.get("plaintext_hex")));
            }
        }
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseTransportCodec(recordedServerSession()));
        byte[] bytes = wire.toByteArray();
        Random chunking = new Random(7);
        for (int offset = 0; offset < bytes.length; ) {
            int length = Math.min(bytes.length - offset, 1 + chunking.nextInt(700));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, length));
            offset += length;
        }

        assertThat(drainInbound(channel)).isEqualTo(expected.toByteArray());
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void theCodecEncryptsTheRecordedServerWritesToTheRecordedRecords() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseTransportCodec(recordedServerSession()));
        for (JsonNode record : RecordedVectors.recordedSession().get("records")) {
            if (record.get("dir").asText().equals("s2c")) {
                channel.writeOutbound(Unpooled.wrappedBuffer(hex(record.get("plaintext_hex"))));
                ByteBuf written = channel.readOutbound();
                assertThat(bytes(written)).isEqualTo(hex(record.get("frame_hex")));
            }
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void largeWritesAreCutIntoMaximumSizeRecords() throws Exception {
        NoiseKeyPair server = NoiseKeyPair.generate();
        NoiseHandshake.Initiator initiator = NoiseHandshake.initiate(NoiseKeyPair.generate(), server.publicKey(), 115, NoiseKeyPair.generate());
        NoiseHandshake.Accepted accepted = NoiseHandshake.respond(initiator.initiation(), server, NoiseKeyPair.generate());
        NoiseSession clientSession = initiator.finish(accepted.response());
        byte[] payload = new byte[10_000];
        new Random(1).nextBytes(payload);

        EmbeddedChannel serverSide = new EmbeddedChannel(new NoiseTransportCodec(accepted.session()));
        serverSide.writeOutbound(Unpooled.wrappedBuffer(payload));
        byte[] wire = bytes(serverSide.readOutbound());

        assertThat(wire.length).isEqualTo(payload.length + 3 * (3 + 16));
        assertThat(((wire[1] & 0xff) << 8 | (wire[2] & 0xff)) + 3).isEqualTo(NoiseWireFormat.MAX_RECORD_LENGTH);
        EmbeddedChannel clientSide = new EmbeddedChannel(new NoiseTransportCodec(clientSession));
        clientSide.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat(drainInbound(clientSide)).isEqualTo(payload);
        serverSide.finishAndReleaseAll();
        clientSide.finishAndReleaseAll();
    }

    @Test
    void anOversizedRecordClosesTheConnection() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseTransportCodec(recordedServerSession()));
        int ciphertextLength = NoiseWireFormat.MAX_CIPHERTEXT_LENGTH + 1;
        ByteBuf oversized = Unpooled.buffer().writeByte(NoiseWireFormat.TYPE_RECORD).writeShort(ciphertextLength)
                .writeZero(ciphertextLength);

        channel.writeInbound(oversized);

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aTamperedRecordClosesTheConnection() throws Exception {
        byte[] first = hex(RecordedVectors.recordedSession().get("records").get(1).get("frame_hex"));
        assertThat(RecordedVectors.recordedSession().get("records").get(1).get("dir").asText()).isEqualTo("c2s");
        first[10] ^= 0x40;
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseTransportCodec(recordedServerSession()));

        channel.writeInbound(Unpooled.wrappedBuffer(first));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aNonRecordMessageAfterTheHandshakeClosesTheConnection() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseTransportCodec(recordedServerSession()));

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {NoiseWireFormat.TYPE_INITIATION, 0, 0}));

        assertThat(channel.isOpen()).isFalse();
    }

    private static byte[] drainInbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf; (buf = channel.readInbound()) != null; ) {
            out.writeBytes(bytes(buf));
        }
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }
}
