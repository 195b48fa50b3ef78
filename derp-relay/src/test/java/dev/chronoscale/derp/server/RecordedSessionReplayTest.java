package dev.chronoscale.derp.server;

import static dev.chronoscale.derp.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.derp.Vectors;
import dev.chronoscale.derp.crypto.NaclBox;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.DerpFrameCodec;
import dev.chronoscale.derp.frame.ServerInfoFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feeds the bytes tailscaled sent to derper into our relay (holding derper's recorded key) and checks
 * that our relay sends what derper sent: the same ServerKey, a ServerInfo that opens to
 * {@code {"version":2}}, byte-identical RecvPacket frames, and the recorded PeerGone.
 */
class RecordedSessionReplayTest {
    private static final JsonNode SESSION = Vectors.load("derp-session.json");
    private static final NodePrivateKey SERVER_KEY = NodePrivateKey.of(hex(SESSION.get("derp_server_private")));

    @Test
    void twoRecordedClientsGetDerpersBytesFromOurRelay() {
        DerpServer server = new DerpServer(DerpServerConfig.defaults(SERVER_KEY).withSendQueueDepth(1024));
        JsonNode node1 = SESSION.get("connections").get(0);
        JsonNode node2 = SESSION.get("connections").get(1);
        EmbeddedChannel ch1 = connect(server);
        EmbeddedChannel ch2 = connect(server);

        for (var pair : List.of(List.of(node1, ch1), List.of(node2, ch2))) {
            JsonNode conn = (JsonNode) pair.get(0);
            EmbeddedChannel ch = (EmbeddedChannel) pair.get(1);
            assertThat(hexOf(ch.readOutbound())).isEqualTo(wire(frames(conn, "s2c", "ServerKey").get(0)));
            feed(ch, frames(conn, "c2s", "ClientInfo").get(0));
            feed(ch, frames(conn, "c2s", "NotePreferred").get(0));
            ByteBuf serverInfo = ch.readOutbound();
            ServerInfoFrame sealed = (ServerInfoFrame) DerpFrameCodec.read(serverInfo);
            serverInfo.release();
            NodePublicKey client = NodePublicKey.parse(conn.get("client_public").asText());
            byte[] json = NaclBox.between(SERVER_KEY, client).open(sealed.nonce(), sealed.sealedInfo());
            assertThat(new String(json)).isEqualTo("{\"version\":2}");
        }
        assertThat(server.connectedNodeCount()).isEqualTo(2);

        // node-1's SendPackets, relayed, must equal the RecvPackets derper wrote to node-2.
        // (Each is drained before the next is sent, as in real time; within one batch our relay would
        // put disco packets ahead of WireGuard data.)
        List<String> expectedAtNode2 = wires(frames(node2, "s2c", "RecvPacket"));
        List<String> relayedToNode2 = new ArrayList<>();
        for (JsonNode send : frames(node1, "c2s", "SendPacket")) {
            feed(ch1, send);
            ch2.runPendingTasks();
            relayedToNode2.addAll(drain(ch2));
        }
        assertThat(relayedToNode2).containsExactlyElementsOf(expectedAtNode2);

        List<String> expectedAtNode1 = wires(frames(node1, "s2c", "RecvPacket"));
        List<String> relayedToNode1 = new ArrayList<>();
        for (JsonNode send : frames(node2, "c2s", "SendPacket")) {
            feed(ch2, send);
            ch1.runPendingTasks();
            relayedToNode1.addAll(drain(ch1));
        }
        assertThat(relayedToNode1).containsExactlyElementsOf(expectedAtNode1);

        // node-2 shuts down: node-1, which received from it, gets derper's PeerGone(disconnected).
        ch2.close();
        ch1.runPendingTasks();
        assertThat(drain(ch1)).containsExactly(wire(frames(node1, "s2c", "PeerGone").get(0)));
        assertThat(server.connectedNodeCount()).isEqualTo(1);
    }

    @Test
    void aClientInfoSealedForAnotherServerIsRefusedAndOnlyThatConnectionCloses() {
        DerpServer server = new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate()));
        EmbeddedChannel ch = connect(server);
        ch.readOutbound();
        feed(ch, frames(SESSION.get("connections").get(0), "c2s", "ClientInfo").get(0));
        assertThat(ch.isOpen()).isFalse();
        assertThat(server.connectedNodeCount()).isZero();
    }

    private static EmbeddedChannel connect(DerpServer server) {
        return new EmbeddedChannel(new DerpFrameCodec(), server.newSession());
    }

    private static void feed(EmbeddedChannel ch, JsonNode frame) {
        ch.writeInbound(Unpooled.wrappedBuffer(hex(wire(frame))));
        ch.runPendingTasks();
    }

    private static List<String> drain(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.add(hexOf(b));
        }
        return out;
    }

    private static String hexOf(ByteBuf b) {
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        return Vectors.hex(bytes);
    }

    private static List<JsonNode> frames(JsonNode conn, String dir, String type) {
        List<JsonNode> out = new ArrayList<>();
        conn.get("frames").forEach(f -> {
            if (f.get("dir").asText().equals(dir) && f.get("type_name").asText().equals(type)) {
                out.add(f);
            }
        });
        return out;
    }

    private static List<String> wires(List<JsonNode> frames) {
        return frames.stream().map(RecordedSessionReplayTest::wire).toList();
    }

    private static String wire(JsonNode f) {
        return f.get("header_hex").asText() + f.get("payload_hex").asText();
    }
}
