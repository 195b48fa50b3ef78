package dev.chronoscale.derp.frame;

import static dev.chronoscale.derp.frame.DerpSessionVectorsTest.decodeOne;
import static dev.chronoscale.derp.frame.DerpSessionVectorsTest.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.derp.Vectors;
import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Layouts of the frames the recorded session did not contain, and rejection of malformed ones. */
class DerpFrameCodecTest {
    private static final NodePublicKey A = NodePrivateKey.generate().publicKey();
    private static final NodePublicKey B = NodePrivateKey.generate().publicKey();

    @Test
    void pingPongHealthRestartingLayouts() {
        assertThat(Vectors.hex(encode(new Ping(Vectors.hex("0102030405060708"))))).isEqualTo("12000000080102030405060708");
        assertThat(Vectors.hex(encode(new Pong(Vectors.hex("0102030405060708"))))).isEqualTo("13000000080102030405060708");
        assertThat(Vectors.hex(encode(new Health("dup")))).isEqualTo("1400000003647570");
        assertThat(Vectors.hex(encode(new Health("")))).isEqualTo("1400000000");
        assertThat(Vectors.hex(encode(new Restarting(1500, 0x01020304)))).isEqualTo("1500000008000005dc01020304");
        assertThat(Vectors.hex(encode(new KeepAlive()))).isEqualTo("0600000000");
        assertThat(Vectors.hex(encode(new WatchConns()))).isEqualTo("1000000000");
    }

    @Test
    void meshFramesRoundTrip() throws Exception {
        byte[] packet = {1, 2, 3};
        ForwardPacket fwd = (ForwardPacket) decodeOne(encode(new ForwardPacket(A, B, packet)));
        assertThat(fwd.source()).isEqualTo(A);
        assertThat(fwd.destination()).isEqualTo(B);
        assertThat(fwd.packet()).containsExactly(1, 2, 3);
        assertThat(encode(new ForwardPacket(A, B, packet))).hasSize(5 + 64 + 3);

        PeerPresent present = new PeerPresent(A, InetAddress.getByName("192.0.2.9"), 41641, PeerPresent.REGULAR);
        byte[] wire = encode(present);
        assertThat(wire).hasSize(5 + 51);
        assertThat(Vectors.hex(wire)).endsWith("00000000000000000000ffffc0000209a2a901");
        PeerPresent back = (PeerPresent) decodeOne(wire);
        assertThat(back.address()).isEqualTo(InetAddress.getByName("192.0.2.9"));
        assertThat(back.port()).isEqualTo(41641);
        assertThat(back.flags()).isEqualTo(1);

        PeerPresent keyOnly = (PeerPresent) decodeOne(Vectors.hex("0900000020" + A.untypedHex()));
        assertThat(keyOnly.peer()).isEqualTo(A);
        assertThat(keyOnly.flags()).isZero();

        assertThat(((ClosePeer) decodeOne(encode(new ClosePeer(B)))).peer()).isEqualTo(B);
    }

    @Test
    void unknownTypesAreSkippedNotFatal() {
        DerpFrame f = decodeOne(Vectors.hex("7f00000003aabbcc"));
        assertThat(f).isEqualTo(new UnknownFrame(0x7f, 3));
    }

    @Test
    void peerGoneWithoutReasonByteMeansDisconnected() {
        PeerGone gone = (PeerGone) decodeOne(Vectors.hex("0800000020" + A.untypedHex()));
        assertThat(gone.reason()).isEqualTo(PeerGoneReason.DISCONNECTED);
    }

    @Test
    void malformedFramesAreRejected() {
        String key = A.untypedHex();
        String[] bad = {
                "ff7fffffff",                               // longer than any frame may be
                "0400000010" + "00".repeat(16),             // SendPacket shorter than a key
                "0700000002" + "0101",                      // NotePreferred must be one byte
                "1000000001" + "00",                        // WatchConns has no payload
                "1100000010" + "00".repeat(16),             // ClosePeer is exactly a key
                "1200000004" + "00".repeat(4),              // short ping
                "0100000028" + "00".repeat(8) + key,        // ServerKey without the magic
                "0200000020" + key,                         // ClientInfo without nonce and box
                "0400" + String.format("%06x", 32 + (64 << 10) + 1) + key + "00".repeat((64 << 10) + 1),
        };
        for (String hex : bad) {
            assertThatThrownBy(() -> DerpFrameCodec.read(Unpooled.wrappedBuffer(Vectors.hex(hex))))
                    .as(hex.substring(0, 10))
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void incompleteFramesWaitForMoreBytes() {
        var buf = Unpooled.wrappedBuffer(Vectors.hex("04000000250102"));
        assertThat(DerpFrameCodec.read(buf)).isNull();
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void clientInfoJsonWithMeshKeyFollowsGoFieldOrder() {
        MeshKey mesh = MeshKey.parse("ab".repeat(32));
        ClientInfo info = new ClientInfo(Optional.of(mesh), 2, true, true, "bench");
        String json = new String(info.toJson());
        assertThat(json).isEqualTo("{\"meshKey\":\"" + "ab".repeat(32)
                + "\",\"version\":2,\"CanAckPings\":true,\"IsProber\":true,\"AppName\":\"bench\"}");
        ClientInfo back = ClientInfo.fromJson(info.toJson());
        assertThat(back.meshKey().orElseThrow().matches(mesh)).isTrue();
        assertThat(back.appName()).isEqualTo("bench");
        assertThat(ClientInfo.fromJson("{\"VERSION\":2,\"canackpings\":true}".getBytes()).canAckPings()).isTrue();
        assertThatThrownBy(() -> ClientInfo.fromJson("[1]".getBytes())).isInstanceOf(MalformedFrameException.class);
        assertThat(new String(ServerInfo.current().toJson())).isEqualTo("{\"version\":2}");
    }
}
