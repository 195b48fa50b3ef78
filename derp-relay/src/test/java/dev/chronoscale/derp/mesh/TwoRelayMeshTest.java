package dev.chronoscale.derp.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.ClosePeer;
import dev.chronoscale.derp.frame.ForwardPacket;
import dev.chronoscale.derp.frame.PeerGone;
import dev.chronoscale.derp.frame.PeerGoneReason;
import dev.chronoscale.derp.frame.PeerPresent;
import dev.chronoscale.derp.frame.RecvPacket;
import dev.chronoscale.derp.frame.WatchConns;
import dev.chronoscale.derp.server.DerpServer;
import dev.chronoscale.derp.server.DerpServerConfig;
import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import dev.chronoscale.derp.testing.Eventually;
import dev.chronoscale.derp.testing.FrameRecorder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two relays of one region meshed with a shared key; clients on different relays reach each other. */
class TwoRelayMeshTest {
    private static final MeshKey MESH = MeshKey.parse("5e".repeat(32));
    private EventLoopGroup clients;
    private StandaloneDerpServer relay1;
    private StandaloneDerpServer relay2;
    private RegionMesh mesh1;
    private RegionMesh mesh2;

    @BeforeEach
    void start() throws Exception {
        clients = new NioEventLoopGroup(2);
        relay1 = startRelay();
        relay2 = startRelay();
        mesh1 = RegionMesh.start(relay1.relay(), List.of(url(relay2)), clients, false);
        mesh2 = RegionMesh.start(relay2.relay(), List.of(url(relay1)), clients, false);
        Eventually.await("mesh links up", () -> mesh1.links().get(0).isConnected() && mesh2.links().get(0).isConnected());
    }

    @AfterEach
    void stop() {
        mesh1.close();
        mesh2.close();
        relay1.close();
        relay2.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static StandaloneDerpServer startRelay() throws InterruptedException {
        return StandaloneDerpServer.start(
                new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate()).withMeshKey(MESH)
                        .withSendQueueDepth(1024)),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)));
    }

    private static URI url(StandaloneDerpServer relay) {
        return URI.create("http://127.0.0.1:" + relay.httpAddress().getPort() + "/derp");
    }

    private DerpClient connect(StandaloneDerpServer relay, NodePrivateKey key, FrameRecorder recorder) throws Exception {
        return DerpClient.connect(clients, DerpClientOptions.of(url(relay), key), recorder).get(10, TimeUnit.SECONDS);
    }

    @Test
    void clientsOnDifferentRelaysExchangePacketsAndPeerGoneCrossesTheMesh() throws Exception {
        NodePrivateKey a = NodePrivateKey.generate();
        NodePrivateKey b = NodePrivateKey.generate();
        FrameRecorder atA = new FrameRecorder();
        FrameRecorder atB = new FrameRecorder();
        DerpClient clientA = connect(relay1, a, atA);
        DerpClient clientB = connect(relay2, b, atB);
        Eventually.await("relay1 routes to b via the mesh", () -> mesh1.links().get(0).routedNodes().contains(b.publicKey()));
        Eventually.await("relay2 routes to a via the mesh", () -> mesh2.links().get(0).routedNodes().contains(a.publicKey()));
        assertThat(mesh1.links().get(0).routedNodes()).doesNotContain(relay1.relay().publicKey());

        for (int i = 0; i < 20; i++) {
            clientA.sendNow(b.publicKey(), ("over the mesh " + i).getBytes());
        }
        for (int i = 0; i < 20; i++) {
            RecvPacket p = atB.next(RecvPacket.class);
            assertThat(p.source()).isEqualTo(a.publicKey());
            assertThat(new String(p.packet())).isEqualTo("over the mesh " + i);
        }
        assertThat(relay1.relay().statistics().packetsForwardedToMesh()).isEqualTo(20);
        assertThat(relay2.relay().statistics().packetsRelayed()).isEqualTo(20);
        clientB.sendNow(a.publicKey(), "reply".getBytes());
        RecvPacket reply = atA.next(RecvPacket.class);
        assertThat(reply.source()).isEqualTo(b.publicKey());
        assertThat(new String(reply.packet())).isEqualTo("reply");

        clientB.close();
        PeerGone gone = atA.next(PeerGone.class);
        assertThat(gone.peer()).isEqualTo(b.publicKey());
        assertThat(gone.reason()).isEqualTo(PeerGoneReason.DISCONNECTED);
        Eventually.await("route withdrawn", () -> !mesh1.links().get(0).routedNodes().contains(b.publicKey()));
        clientA.close();
    }

    @Test
    void aWatcherWithTheMeshKeySeesPresenceAndMayClosePeers() throws Exception {
        NodePrivateKey watcherKey = NodePrivateKey.generate();
        FrameRecorder watcherFrames = new FrameRecorder();
        DerpClient watcher = DerpClient.connect(clients,
                DerpClientOptions.of(url(relay1), watcherKey).withMeshKey(MESH), watcherFrames).get(10, TimeUnit.SECONDS);
        NodePrivateKey a = NodePrivateKey.generate();
        FrameRecorder atA = new FrameRecorder();
        DerpClient clientA = connect(relay1, a, atA);
        Eventually.await("a registered", () -> relay1.relay().isConnected(a.publicKey()));
        watcher.sendFrame(new WatchConns());
        Eventually.await("watcher told about a", () -> watcherFrames.frames().stream()
                .anyMatch(f -> f instanceof PeerPresent p && p.peer().equals(a.publicKey())
                        && p.address().getHostAddress().equals("127.0.0.1") && p.flags() == PeerPresent.REGULAR));

        // A forwarded packet is delivered to the local node with the original source.
        NodePrivateKey remote = NodePrivateKey.generate();
        watcher.sendFrame(new ForwardPacket(remote.publicKey(), a.publicKey(), "forwarded".getBytes()));
        RecvPacket p = atA.next(RecvPacket.class);
        assertThat(p.source()).isEqualTo(remote.publicKey());

        watcher.sendFrame(new ClosePeer(a.publicKey()));
        assertThat(atA.awaitClosed()).isTrue();
        Eventually.await("watcher told a left", () -> watcherFrames.frames().stream()
                .anyMatch(f -> f instanceof PeerGone g && g.peer().equals(a.publicKey())));
        watcher.close();
    }

    @Test
    void aDroppedMeshLinkWithdrawsItsRoutesAndReconnects() throws Exception {
        NodePrivateKey a = NodePrivateKey.generate();
        NodePrivateKey b = NodePrivateKey.generate();
        FrameRecorder atB = new FrameRecorder();
        DerpClient clientA = connect(relay1, a, new FrameRecorder());
        DerpClient clientB = connect(relay2, b, atB);
        MeshLink link = mesh1.links().get(0);
        Eventually.await("relay1 routes to b", () -> link.routedNodes().contains(b.publicKey()));

        // Another mesh member tells relay2 to drop relay1's link (as a load balancer would).
        DerpClient operator = DerpClient.connect(clients,
                DerpClientOptions.of(url(relay2), NodePrivateKey.generate()).withMeshKey(MESH), new FrameRecorder())
                .get(10, TimeUnit.SECONDS);
        long relayedBefore = relay2.relay().statistics().packetsRelayed();
        operator.sendFrame(new ClosePeer(relay1.relay().publicKey()));
        Eventually.await("link dropped and back with its routes", () -> link.sessionCount() == 2
                && link.isConnected() && link.routedNodes().contains(b.publicKey())
                && relay2.relay().isConnected(relay1.relay().publicKey()));

        clientA.sendNow(b.publicKey(), "after reconnect".getBytes());
        RecvPacket p = atB.next(RecvPacket.class);
        assertThat(new String(p.packet())).isEqualTo("after reconnect");
        assertThat(relay2.relay().statistics().packetsRelayed()).isGreaterThan(relayedBefore);
        operator.close();
        clientA.close();
        clientB.close();
    }

    @Test
    void meshFramesWithoutTheMeshKeyCloseOnlyThatConnection() throws Exception {
        NodePrivateKey a = NodePrivateKey.generate();
        NodePrivateKey b = NodePrivateKey.generate();
        FrameRecorder atA = new FrameRecorder();
        FrameRecorder atB = new FrameRecorder();
        DerpClient clientA = connect(relay1, a, atA);
        DerpClient clientB = connect(relay1, b, atB);
        clientA.sendFrame(new WatchConns());
        assertThat(atA.awaitClosed()).isTrue();
        Eventually.await("b still connected, a gone", () -> relay1.relay().isConnected(b.publicKey())
                && !relay1.relay().isConnected(a.publicKey()));
        assertThat(clientB.isOpen()).isTrue();
        clientB.close();
    }
}
