package dev.chronoscale.derp.server;

import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.Health;
import dev.chronoscale.derp.frame.KeepAlive;
import dev.chronoscale.derp.frame.PeerGone;
import dev.chronoscale.derp.frame.PeerGoneReason;
import dev.chronoscale.derp.frame.Ping;
import dev.chronoscale.derp.frame.Pong;
import dev.chronoscale.derp.frame.RecvPacket;
import dev.chronoscale.derp.frame.Restarting;
import dev.chronoscale.derp.testing.Eventually;
import dev.chronoscale.derp.testing.FrameRecorder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets: clients of our own DerpClient exchanging packets through a standalone relay. */
class RelayEndToEndTest {
    private EventLoopGroup clients;
    private StandaloneDerpServer relay;

    @BeforeEach
    void start() throws Exception {
        clients = new NioEventLoopGroup(2);
        relay = StandaloneDerpServer.start(new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate()).withSendQueueDepth(1024)),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stop() {
        relay.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private URI url(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + relay.httpAddress().getPort() + "/derp");
    }

    private DerpClient connect(NodePrivateKey key, FrameRecorder recorder, String scheme) throws Exception {
        return DerpClient.connect(clients, DerpClientOptions.of(url(scheme), key), recorder).get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoClientsExchangePacketsAndTheSurvivorLearnsWhenThePeerLeaves() throws Exception {
        exchange("http", "http");
    }

    @Test
    void webSocketAndPlainClientsExchangePackets() throws Exception {
        exchange("ws", "http");
    }

    @Test
    void twoWebSocketClientsExchangePackets() throws Exception {
        exchange("ws", "ws");
    }

    private void exchange(String schemeA, String schemeB) throws Exception {
        NodePrivateKey a = NodePrivateKey.generate();
        NodePrivateKey b = NodePrivateKey.generate();
        FrameRecorder atA = new FrameRecorder();
        FrameRecorder atB = new FrameRecorder();
        DerpClient clientA = connect(a, atA, schemeA);
        DerpClient clientB = connect(b, atB, schemeB);
        assertThat(clientA.serverKey()).isEqualTo(relay.relay().publicKey());
        assertThat(clientA.serverInfo().version()).isEqualTo(2);
        Eventually.await("both registered", () -> relay.relay().connectedNodeCount() == 2);

        for (int i = 0; i < 50; i++) {
            clientA.sendNow(b.publicKey(), ("a->b " + i).getBytes());
        }
        for (int i = 0; i < 50; i++) {
            RecvPacket p = atB.next(RecvPacket.class);
            assertThat(p.source()).isEqualTo(a.publicKey());
            assertThat(new String(p.packet())).isEqualTo("a->b " + i);
        }
        byte[] big = new byte[64 << 10];
        big[big.length - 1] = 42;
        clientB.sendNow(a.publicKey(), big);
        RecvPacket back = atA.next(RecvPacket.class);
        assertThat(back.source()).isEqualTo(b.publicKey());
        assertThat(back.packet()).isEqualTo(big);

        RelayStatistics stats = relay.relay().statistics();
        assertThat(stats.packetsRelayed()).isEqualTo(51);
        assertThat(stats.bytesRelayed()).isGreaterThan(64 << 10);
        assertThat(stats.connectedNodes()).isEqualTo(2);

        clientA.close();
        PeerGone gone = atB.next(PeerGone.class);
        assertThat(gone.peer()).isEqualTo(a.publicKey());
        assertThat(gone.reason()).isEqualTo(PeerGoneReason.DISCONNECTED);
        clientB.close();
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        FrameRecorder recorder = new FrameRecorder();
        DerpClient client = connect(NodePrivateKey.generate(), recorder, "http");
        byte[] data = {9, 8, 7, 6, 5, 4, 3, 2};
        client.sendFrame(new Ping(data));
        assertThat(recorder.next(Pong.class).data()).isEqualTo(data);
        client.close();
    }

    @Test
    void discoToAnUnknownNodeIsAnsweredWithPeerGoneNotHere() throws Exception {
        FrameRecorder recorder = new FrameRecorder();
        DerpClient client = connect(NodePrivateKey.generate(), recorder, "http");
        NodePrivateKey nobody = NodePrivateKey.generate();
        byte[] disco = new byte[6 + 32 + 24 + 16];
        System.arraycopy(new byte[] {0x54, 0x53, (byte) 0xf0, (byte) 0x9f, (byte) 0x92, (byte) 0xac}, 0, disco, 0, 6);
        client.sendNow(nobody.publicKey(), disco);
        PeerGone gone = recorder.next(PeerGone.class);
        assertThat(gone.peer()).isEqualTo(nobody.publicKey());
        assertThat(gone.reason()).isEqualTo(PeerGoneReason.NOT_HERE);
        assertThat(relay.relay().statistics().droppedUnknownNode()).isEqualTo(1);
        client.close();
    }

    @Test
    void restartAnnouncementAndHealthReachClients() throws Exception {
        NodePrivateKey key = NodePrivateKey.generate();
        FrameRecorder recorder = new FrameRecorder();
        DerpClient client = connect(key, recorder, "http");
        Eventually.await("registered", () -> relay.relay().isConnected(key.publicKey()));
        relay.relay().sendHealth(key.publicKey(), "duplicate connection");
        assertThat(recorder.next(Health.class).problem()).isEqualTo("duplicate connection");
        relay.relay().announceRestart(Duration.ofMillis(1500), Duration.ofSeconds(30));
        Restarting r = recorder.next(Restarting.class);
        assertThat(r.reconnectInMillis()).isEqualTo(1500);
        assertThat(r.tryForMillis()).isEqualTo(30_000);
        client.close();
    }

    @Test
    void newestDuplicateConnectionReceivesAndTheOlderTakesOverWhenItLeaves() throws Exception {
        NodePrivateKey sender = NodePrivateKey.generate();
        NodePrivateKey dup = NodePrivateKey.generate();
        DerpClient from = connect(sender, new FrameRecorder(), "http");
        FrameRecorder first = new FrameRecorder();
        FrameRecorder second = new FrameRecorder();
        DerpClient older = connect(dup, first, "http");
        DerpClient newer = connect(dup, second, "http");
        Eventually.await("both dups registered", () -> relay.relay().registry().connectionsOf(dup.publicKey()).size() == 2);
        from.sendNow(dup.publicKey(), "to newest".getBytes());
        assertThat(new String(second.next(RecvPacket.class).packet())).isEqualTo("to newest");
        newer.close();
        Eventually.await("dup gone", () -> relay.relay().registry().connectionsOf(dup.publicKey()).size() == 1);
        from.sendNow(dup.publicKey(), "to older".getBytes());
        assertThat(new String(first.next(RecvPacket.class).packet())).isEqualTo("to older");
        assertThat(first.frames()).noneMatch(f -> f instanceof RecvPacket p && new String(p.packet()).equals("to newest"));
        older.close();
        from.close();
    }

    @Test
    void keepAlivesArriveAtTheConfiguredInterval() throws Exception {
        relay.close();
        relay = StandaloneDerpServer.start(new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate())
                        .withKeepAlive(Duration.ofMillis(100))),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)));
        BlockingQueue<DerpFrame> frames =
                new LinkedBlockingQueue<>();
        DerpClient client = DerpClient.connect(clients, DerpClientOptions.of(url("http"), NodePrivateKey.generate()),
                (c, f) -> frames.add(f)).get(10, TimeUnit.SECONDS);
        assertThat(frames.poll(10, TimeUnit.SECONDS)).isInstanceOf(KeepAlive.class);
        client.close();
    }

    @Test
    void sideEndpointsAnswerLikeDerper() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + relay.httpAddress().getPort();
        for (String path : new String[] {"/derp/probe", "/derp/latency-check"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
        HttpResponse<String> noContent = http.send(HttpRequest.newBuilder(URI.create(base + "/generate_204"))
                .header("X-Tailscale-Challenge", "ts_abc.123").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.headers().firstValue("X-Tailscale-Response")).contains("response ts_abc.123");
        HttpResponse<String> badChallenge = http.send(HttpRequest.newBuilder(URI.create(base + "/generate_204"))
                .header("X-Tailscale-Challenge", "no spaces allowed").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badChallenge.headers().firstValue("X-Tailscale-Response")).isEmpty();
        HttpResponse<String> noUpgrade = http.send(HttpRequest.newBuilder(URI.create(base + "/derp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noUpgrade.statusCode()).isEqualTo(426);
        assertThat(noUpgrade.body()).contains("DERP requires connection upgrade");
    }

    @Test
    void refusedNodesAreDisconnectedDuringTheHandshake() throws Exception {
        relay.close();
        NodePrivateKey allowed = NodePrivateKey.generate();
        relay = StandaloneDerpServer.start(new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate())
                        .withAdmission((node, source) -> CompletableFuture.completedFuture(
                                node.equals(allowed.publicKey()) ? AdmissionDecision.allow()
                                        : AdmissionDecision.deny("not in tailnet")))),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)));
        DerpClient ok = connect(allowed, new FrameRecorder(), "http");
        assertThat(ok.isOpen()).isTrue();
        assertThatThrownBy(() -> connect(NodePrivateKey.generate(), new FrameRecorder(), "http"))
                .isInstanceOf(ExecutionException.class);
        ok.close();
    }
}
