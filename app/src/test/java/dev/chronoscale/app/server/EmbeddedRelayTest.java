package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigLoader;
import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientListener;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.RecvPacket;
import dev.chronoscale.derp.stun.StunBindingRequest;
import dev.chronoscale.derp.stun.StunBindingResponse;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.ExpireNode;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.user.UserCommands.CreateUser;
import dev.chronoscale.tailcfg.DerpMap;
import io.netty.channel.nio.NioEventLoopGroup;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay inside {@code serve}: DERP on the public port for this tailnet's nodes only, and STUN. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedRelayTest {

    private static final AuditContext ADMIN = new AuditContext(ActorType.LOCAL_CLI, "test", Optional.empty(), Optional.empty());

    private Path dir;
    private RunningServer server;
    private final NioEventLoopGroup clients = new NioEventLoopGroup(1);
    private long userId;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-derp");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "unix_socket: \"\"\n"
                + "derp:\n  server:\n    enabled: true\n    stun_listen_addr: 127.0.0.1:0\n");
        userId = server.bean(IdSequence.class).next(IdSequence.Kind.USER);
        send(new CreateUser(userId, "relay-user", null, null));
    }

    @AfterAll
    void stop() {
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void registeredNodesRelayThroughThePublicPortOverDerpAndWebSocket() throws Exception {
        NodePrivateKey a = NodePrivateKey.generate();
        NodePrivateKey b = NodePrivateKey.generate();
        register(a);
        register(b);
        Inbox atB = new Inbox();
        DerpClient clientA = DerpClient.connect(clients, DerpClientOptions.of(derpUrl("http"), a), new Inbox())
                .get(10, TimeUnit.SECONDS);
        DerpClient clientB = DerpClient.connect(clients, DerpClientOptions.of(derpUrl("ws"), b), atB)
                .get(10, TimeUnit.SECONDS);
        try {
            byte[] packet = "wireguard bytes".getBytes();
            RecvPacket received = null;
            for (int attempt = 0; attempt < 50 && received == null; attempt++) {
                clientA.sendNow(b.publicKey(), packet);
                received = atB.next(RecvPacket.class, 200);
            }
            assertThat(received).isNotNull();
            assertThat(received.source()).isEqualTo(a.publicKey());
            assertThat(received.packet()).isEqualTo(packet);
        } finally {
            clientA.close();
            clientB.close();
        }
    }

    @Test
    void unknownAndExpiredNodesAreTurnedAway() throws Exception {
        var stranger = DerpClient.connect(clients, DerpClientOptions.of(derpUrl("http"), NodePrivateKey.generate()), new Inbox());
        assertThatThrownBy(() -> stranger.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        NodePrivateKey expired = NodePrivateKey.generate();
        long nodeId = register(expired);
        send(new ExpireNode(nodeId, Instant.now().minusSeconds(1)));
        var refused = DerpClient.connect(clients, DerpClientOptions.of(derpUrl("http"), expired), new Inbox());
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void stunAnswersWithTheClientsAddress() throws Exception {
        InetSocketAddress stun = server.bean(DerpSetup.class).embedded().orElseThrow().stunAddress().orElseThrow();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(5000);
            byte[] transaction = HexFormat.of().parseHex("0102030405060708090a0b0c");
            byte[] request = new StunBindingRequest(transaction).encode();
            socket.send(new DatagramPacket(request, request.length, stun));
            DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
            socket.receive(reply);
            StunBindingResponse response = StunBindingResponse.parse(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(response.transactionId()).isEqualTo(transaction);
            assertThat(response.mappedAddress().getPort()).isEqualTo(socket.getLocalPort());
        }
    }

    @Test
    void theDerpMapGainsTheEmbeddedRegionAtTheServerUrlsHost() {
        ChronoscaleConfig config = ConfigLoader.load(Optional.empty(),
                Map.of("CHRONOSCALE_SERVER_URL", "https://cs.example.com", "CHRONOSCALE_DERP_SERVER_STUN_LISTEN_ADDR", "0.0.0.0:3478"),
                warning -> { });
        DerpMap.Region region = EmbeddedRelay.region(config, 3478);
        assertThat(region.regionId()).isEqualTo(999);
        assertThat(region.nodes()).singleElement().satisfies(node -> {
            assertThat(node.hostName()).isEqualTo("cs.example.com");
            assertThat(node.derpPort()).isEqualTo(443);
            assertThat(node.stunPort()).isEqualTo(3478);
        });
        DerpMap external = new DerpMap(Map.of("1", new DerpMap.Region(1, "ext", "External", List.of())));
        DerpMap merged = server.bean(DerpSetup.class).derpMap(external);
        assertThat(merged.regions()).containsKeys("1", "999");
    }

    private URI derpUrl(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort() + "/derp");
    }

    private long register(NodePrivateKey key) {
        long id = server.bean(IdSequence.class).next(IdSequence.Kind.NODE);
        String machine = "mkey:" + HexFormat.of().formatHex(NodePrivateKey.generate().publicKey().toBytes());
        send(new RegisterNode(id, machine, key.publicKey().toString(), userId, List.of(), "relay-node-" + id, null, false,
                null, RegisterMethod.AUTH_KEY));
        return id;
    }

    private void send(Object command) {
        server.bean(CommandGateway.class).sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(ADMIN.toMetadata()));
    }

    /** Collects frames a client receives. */
    private static final class Inbox implements DerpClientListener {
        private final BlockingQueue<DerpFrame> frames = new LinkedBlockingQueue<>();

        @Override
        public void onFrame(DerpClient client, DerpFrame frame) {
            frames.add(frame);
        }

        <T extends DerpFrame> T next(Class<T> type, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
                DerpFrame frame = frames.poll(left, TimeUnit.MILLISECONDS);
                if (type.isInstance(frame)) {
                    return type.cast(frame);
                }
            }
            return null;
        }
    }
}
