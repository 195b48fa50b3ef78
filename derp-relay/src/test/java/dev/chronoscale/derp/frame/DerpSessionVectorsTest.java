package dev.chronoscale.derp.frame;

import static dev.chronoscale.derp.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.derp.Vectors;
import dev.chronoscale.derp.crypto.NaclBox;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frame-level replay of the DERP session recorded between tailscaled 1.82.5 and derper (derp-session.json). */
class DerpSessionVectorsTest {
    private static final JsonNode SESSION = Vectors.load("derp-session.json");
    private static final NodePrivateKey SERVER = NodePrivateKey.of(hex(SESSION.get("derp_server_private")));

    @Test
    void serverKeyOfTheRecordedPrivateKeyMatchesThePublicKey() {
        assertThat(SERVER.publicKey().untypedHex()).isEqualTo(SESSION.get("derp_server_public").asText());
        assertThat(NodePrivateKey.parse(SESSION.get("derper_config_private_key_text").asText()).publicKey())
                .isEqualTo(SERVER.publicKey());
    }

    @Test
    void ourServerKeyFrameIsByteIdenticalToDerpers() {
        for (JsonNode conn : SESSION.get("connections")) {
            JsonNode recorded = frames(conn, "ServerKey").get(0);
            assertThat(Vectors.hex(encode(new ServerKey(SERVER.publicKey())))).isEqualTo(wire(recorded));
        }
    }

    @Test
    void recordedClientInfoOpensWithTheServerKeyAndParses() {
        for (JsonNode conn : SESSION.get("connections")) {
            JsonNode recorded = frames(conn, "ClientInfo").get(0);
            ClientInfoFrame frame = (ClientInfoFrame) decodeOne(hex(wire(recorded)));
            assertThat(frame.clientKey().untypedHex()).isEqualTo(conn.get("client_public").asText());
            byte[] plaintext = frame.openBytes(SERVER);
            assertThat(Vectors.hex(plaintext)).isEqualTo(recorded.get("decoded").get("decrypted_hex").asText());
            ClientInfo info = frame.open(SERVER);
            assertThat(info.version()).isEqualTo(2);
            assertThat(info.canAckPings()).isTrue();
            assertThat(info.meshKey()).isEmpty();
            // Our JSON for the same values is the client's exact plaintext, and so is our sealing of it.
            assertThat(info.toJson()).isEqualTo(plaintext);
            ClientInfoFrame resealed = sealClientInfoAsServerSide(plaintext, frame);
            assertThat(Vectors.hex(encode(resealed))).isEqualTo(wire(recorded));
        }
    }

    @Test
    void ourServerInfoFrameWithTheRecordedNonceIsByteIdentical() {
        for (JsonNode conn : SESSION.get("connections")) {
            JsonNode recorded = frames(conn, "ServerInfo").get(0);
            byte[] nonce = hex(recorded.get("decoded").get("nonce"));
            NodePublicKey client = NodePublicKey.parse(conn.get("client_public").asText());
            ServerInfoFrame ours = ServerInfoFrame.sealWithNonce(ServerInfo.current().toJson(), nonce, SERVER, client);
            assertThat(Vectors.hex(encode(ours))).isEqualTo(wire(recorded));
        }
    }

    @Test
    void everyRecordedFrameDecodesToItsTypeAndReencodesIdentically() {
        int count = 0;
        for (JsonNode conn : SESSION.get("connections")) {
            for (JsonNode recorded : conn.get("frames")) {
                DerpFrame frame = decodeOne(hex(wire(recorded)));
                assertThat(frame.type()).isEqualTo(recorded.get("type").asInt());
                assertThat(Vectors.hex(encode(frame))).isEqualTo(wire(recorded));
                checkDecodedFields(frame, recorded.get("decoded"));
                count++;
            }
        }
        assertThat(count).isGreaterThan(150);
    }

    @Test
    void eachDirectionDecodesAsOneStreamWhateverTheChunking() {
        Random random = new Random(7);
        for (JsonNode conn : SESSION.get("connections")) {
            for (String dir : List.of("c2s", "s2c")) {
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                List<String> expected = new ArrayList<>();
                for (JsonNode f : conn.get("frames")) {
                    if (f.get("dir").asText().equals(dir)) {
                        stream.writeBytes(hex(wire(f)));
                        expected.add(wire(f));
                    }
                }
                byte[] all = stream.toByteArray();
                ByteBuf cumulation = Unpooled.buffer();
                List<String> got = new ArrayList<>();
                int pos = 0;
                while (pos < all.length) {
                    int n = Math.min(all.length - pos, 1 + random.nextInt(200));
                    cumulation.writeBytes(all, pos, n);
                    pos += n;
                    DerpFrame f;
                    while ((f = DerpFrameCodec.read(cumulation)) != null) {
                        got.add(Vectors.hex(encode(f)));
                    }
                    cumulation.discardReadBytes();
                }
                assertThat(cumulation.readableBytes()).isZero();
                assertThat(got).containsExactlyElementsOf(expected);
            }
        }
    }

    private static void checkDecodedFields(DerpFrame frame, JsonNode decoded) {
        switch (frame) {
            case SendPacket p -> {
                assertThat(p.destination().untypedHex()).isEqualTo(decoded.get("dst_public").asText());
                assertThat(p.packet()).hasSize(decoded.get("packet_len").asInt());
            }
            case RecvPacket p -> {
                assertThat(p.source().untypedHex()).isEqualTo(decoded.get("src_public").asText());
                assertThat(p.packet()).hasSize(decoded.get("packet_len").asInt());
            }
            case NotePreferred p -> assertThat(p.preferred()).isEqualTo(decoded.get("preferred").asBoolean());
            case PeerGone p -> {
                assertThat(p.peer().untypedHex()).isEqualTo(decoded.get("peer_public").asText());
                assertThat(p.reason().code()).isEqualTo(decoded.get("reason").asInt());
            }
            default -> { }
        }
    }

    /** Box keys are symmetric: the server side (server private, client public) seals what the client sealed. */
    private static ClientInfoFrame sealClientInfoAsServerSide(byte[] plaintext, ClientInfoFrame recorded) {
        byte[] sealed = NaclBox.between(SERVER, recorded.clientKey())
                .seal(recorded.nonce(), plaintext);
        return new ClientInfoFrame(recorded.clientKey(), recorded.nonce(), sealed);
    }

    static List<JsonNode> frames(JsonNode conn, String typeName) {
        List<JsonNode> out = new ArrayList<>();
        conn.get("frames").forEach(f -> {
            if (f.get("type_name").asText().equals(typeName)) {
                out.add(f);
            }
        });
        return out;
    }

    static String wire(JsonNode frame) {
        return frame.get("header_hex").asText() + frame.get("payload_hex").asText();
    }

    static byte[] encode(DerpFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        DerpFrameCodec.write(frame, buf);
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        return out;
    }

    static DerpFrame decodeOne(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        DerpFrame frame = DerpFrameCodec.read(buf);
        assertThat(buf.readableBytes()).isZero();
        return frame;
    }
}
