package dev.chronoscale.derp.server;

import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.testing.FrameRecorder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The derper {@code --verify-client-url} protocol against a small control server stand-in. */
class HttpAdmissionVerifierTest {
    private HttpServer control;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final NodePublicKey registered = NodePrivateKey.generate().publicKey();

    @BeforeEach
    void start() throws Exception {
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/verify", exchange -> {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            requests.add(body);
            boolean allow = body.path("NodePublic").asText().equals(registered.toString());
            byte[] answer = ("{\"Allow\":" + allow + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        control.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        control.start();
    }

    @AfterEach
    void stop() {
        control.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + control.getAddress().getPort() + path);
    }

    @Test
    void asksTheControlServerWithDerpersRequestShape() throws Exception {
        HttpAdmissionVerifier verifier = new HttpAdmissionVerifier(url("/verify"));
        InetAddress source = InetAddress.getByName("198.51.100.7");
        assertThat(verifier.admit(registered, source).get().allowed()).isTrue();
        assertThat(verifier.admit(NodePrivateKey.generate().publicKey(), source).get().allowed()).isFalse();
        assertThat(requests.get(0).get("NodePublic").asText()).isEqualTo(registered.toString());
        assertThat(requests.get(0).get("Source").asText()).isEqualTo("198.51.100.7");
    }

    @Test
    void aRelayUsingTheVerifierAdmitsOnlyRegisteredNodes() throws Exception {
        NodePrivateKey registeredKey = NodePrivateKey.generate();
        EventLoopGroup clients = new NioEventLoopGroup(1);
        control.removeContext("/verify");
        control.createContext("/verify", exchange -> {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            boolean allow = body.path("NodePublic").asText().equals(registeredKey.publicKey().toString());
            byte[] answer = ("{\"Allow\":" + allow + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        try (StandaloneDerpServer relay = StandaloneDerpServer.start(
                new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate())
                        .withAdmission(new HttpAdmissionVerifier(url("/verify")))),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)))) {
            URI derp = URI.create("http://127.0.0.1:" + relay.httpAddress().getPort() + "/derp");
            var ok = DerpClient.connect(clients,
                    DerpClientOptions.of(derp, registeredKey),
                    new FrameRecorder()).get(10, TimeUnit.SECONDS);
            assertThat(relay.relay().isConnected(registeredKey.publicKey())).isTrue();
            var refused = DerpClient.connect(clients,
                    DerpClientOptions.of(derp, NodePrivateKey.generate()),
                    new FrameRecorder());
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(relay.relay().connectedNodeCount()).isEqualTo(1);
            ok.close();
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void errorsRefuseAndUnreachableControlFollowsFailOpen() throws Exception {
        InetAddress source = InetAddress.getLoopbackAddress();
        assertThat(new HttpAdmissionVerifier(url("/broken")).admit(registered, source).get().allowed()).isFalse();
        URI nowhere = URI.create("http://127.0.0.1:1/verify");
        assertThat(new HttpAdmissionVerifier(nowhere, false, Duration.ofSeconds(2)).admit(registered, source).get()
                .allowed()).isFalse();
        assertThat(new HttpAdmissionVerifier(nowhere, true, Duration.ofSeconds(2)).admit(registered, source).get()
                .allowed()).isTrue();
    }
}
