package dev.chronoscale.derp.server;

import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.ClientInfo;
import dev.chronoscale.derp.frame.ClientInfoFrame;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.DerpFrameCodec;
import dev.chronoscale.derp.frame.RecvPacket;
import dev.chronoscale.derp.frame.SendPacket;
import dev.chronoscale.derp.frame.ServerInfoFrame;
import dev.chronoscale.derp.frame.ServerKey;
import dev.chronoscale.derp.testing.Eventually;
import dev.chronoscale.derp.testing.FrameRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw-socket clients that misbehave: malformed frames, frames out of order, and a client that never
 * reads. Each must lose only its own connection while two well-behaved clients keep exchanging packets.
 */
class HostileClientTest {
    private EventLoopGroup clients;
    private StandaloneDerpServer relay;
    private NodePrivateKey a;
    private NodePrivateKey b;
    private DerpClient clientA;
    private FrameRecorder atB;

    @BeforeEach
    void start() throws Exception {
        clients = new NioEventLoopGroup(2);
        relay = StandaloneDerpServer.start(new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate())
                        .withSendQueueDepth(256).withWriteTimeout(Duration.ofMillis(300))
                        .withHandshakeTimeout(Duration.ofMillis(500))),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)));
        a = NodePrivateKey.generate();
        b = NodePrivateKey.generate();
        atB = new FrameRecorder();
        clientA = DerpClient.connect(clients, DerpClientOptions.of(url(), a), new FrameRecorder()).get(10, TimeUnit.SECONDS);
        DerpClient.connect(clients, DerpClientOptions.of(url(), b), atB).get(10, TimeUnit.SECONDS);
        Eventually.await("a and b registered", () -> relay.relay().connectedNodeCount() == 2);
    }

    @AfterEach
    void stop() {
        relay.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + relay.httpAddress().getPort() + "/derp");
    }

    @Test
    void malformedFramesCloseOnlyTheirConnection() throws Exception {
        String[] attacks = {
                "ff7fffffff",                  // a 2 GiB frame header
                "0700000002" + "0101",         // NotePreferred of the wrong size
                "0400000004" + "00000000",     // SendPacket shorter than its key
        };
        int round = 0;
        for (String attack : attacks) {
            try (Socket s = rawClient(NodePrivateKey.generate())) {
                s.getOutputStream().write(HexFormat.of().parseHex(attack));
                assertThat(readsToEof(s.getInputStream())).isTrue();
            }
            assertStillRelaying(round++);
        }
    }

    @Test
    void aFirstFrameThatIsNotClientInfoIsRefused() throws Exception {
        try (Socket s = upgradedSocket()) {
            readFrame(new DataInputStream(s.getInputStream()));
            write(s.getOutputStream(), new SendPacket(b.publicKey(), "sneaky".getBytes()));
            assertThat(readsToEof(s.getInputStream())).isTrue();
        }
        assertStillRelaying(0);
        assertThat(atB.frames()).noneMatch(f -> f instanceof RecvPacket p && new String(p.packet()).equals("sneaky"));
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutStallingOthers() throws Exception {
        NodePrivateKey slow = NodePrivateKey.generate();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(relay.httpAddress());
            handshake(s, slow);
            Eventually.await("slow reader registered", () -> relay.relay().isConnected(slow.publicKey()));
            // Flood the reader that never reads until the relay gives up on it (its socket buffers fill,
            // the channel stays unwritable past the write timeout); b's packets ride along throughout.
            byte[] bulk = new byte[1300];
            int toB = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (relay.relay().isConnected(slow.publicKey())) {
                assertThat(System.nanoTime()).as("slow reader still connected").isLessThan(deadline);
                for (int i = 0; i < 100; i++) {
                    clientA.send(slow.publicKey(), bulk);
                }
                clientA.send(b.publicKey(), ("while flooding " + toB++).getBytes());
                clientA.flush();
                while (!clientA.isWritable()) {
                    Thread.sleep(1);
                }
            }
            for (int i = 0; i < toB; i++) {
                assertThat(new String(atB.next(RecvPacket.class).packet())).isEqualTo("while flooding " + i);
            }
            assertThat(relay.relay().statistics().droppedQueueFull()).isPositive();
        }
        assertStillRelaying(99);
    }

    @Test
    void aClientThatNeverIdentifiesItselfIsDisconnectedAfterTheHandshakeTimeout() throws Exception {
        try (Socket s = upgradedSocket()) {
            assertThat(readFrame(new DataInputStream(s.getInputStream()))).isInstanceOf(ServerKey.class);
            assertThat(readsToEof(s.getInputStream())).isTrue();
        }
        assertStillRelaying(0);
    }

    @Test
    void fastStartSkipsThe101AndKeepsBytesSentWithTheRequest() throws Exception {
        NodePrivateKey key = NodePrivateKey.generate();
        try (Socket s = new Socket()) {
            s.connect(relay.httpAddress());
            s.setSoTimeout(10_000);
            // A client that already knows the relay's key sends its ClientInfo in the same write.
            ByteBuf request = Unpooled.buffer();
            request.writeBytes(("GET /derp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: DERP\r\n"
                    + "Derp-Fast-Start: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DerpFrameCodec.write(ClientInfoFrame.seal(ClientInfo.regular(), key, relay.relay().publicKey()), request);
            byte[] bytes = new byte[request.readableBytes()];
            request.readBytes(bytes);
            s.getOutputStream().write(bytes);
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(readFrame(in)).isEqualTo(new ServerKey(relay.relay().publicKey()));
            assertThat(readFrame(in)).isInstanceOf(ServerInfoFrame.class);
            Eventually.await("fast-start client registered", () -> relay.relay().isConnected(key.publicKey()));
        }
    }

    private void assertStillRelaying(int round) throws InterruptedException {
        clientA.sendNow(b.publicKey(), ("still fine " + round).getBytes());
        RecvPacket p = atB.next(RecvPacket.class);
        assertThat(new String(p.packet())).isEqualTo("still fine " + round);
    }

    /** Upgrades, completes the handshake as {@code key}, and returns the socket. */
    private Socket rawClient(NodePrivateKey key) throws IOException {
        Socket s = upgradedSocket();
        handshakeAfterUpgrade(s, key);
        return s;
    }

    private void handshake(Socket s, NodePrivateKey key) throws IOException {
        s.getOutputStream().write(upgradeRequest());
        readUpgradeResponse(s.getInputStream());
        handshakeAfterUpgrade(s, key);
    }

    private static void handshakeAfterUpgrade(Socket s, NodePrivateKey key) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        ServerKey serverKey = (ServerKey) readFrame(in);
        write(s.getOutputStream(), ClientInfoFrame.seal(ClientInfo.regular(), key, serverKey.serverKey()));
        readFrame(in); // ServerInfo
    }

    private Socket upgradedSocket() throws IOException {
        Socket s = new Socket();
        s.connect(relay.httpAddress());
        s.setSoTimeout(10_000);
        s.getOutputStream().write(upgradeRequest());
        readUpgradeResponse(s.getInputStream());
        return s;
    }

    private static byte[] upgradeRequest() {
        return "GET /derp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: DERP\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void readUpgradeResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed during upgrade");
            }
            head.append((char) c);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }

    private static DerpFrame readFrame(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        int length = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        ByteBuf buf = Unpooled.buffer().writeByte(type).writeInt(length).writeBytes(payload);
        return DerpFrameCodec.read(buf);
    }

    private static void write(OutputStream out, DerpFrame frame) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        DerpFrameCodec.write(frame, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    /** True once the server has closed the connection (frames it sent before closing are skipped). */
    private static boolean readsToEof(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

}
