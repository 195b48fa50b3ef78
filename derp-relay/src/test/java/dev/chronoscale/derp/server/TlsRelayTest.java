package dev.chronoscale.derp.server;

import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.RecvPacket;
import dev.chronoscale.derp.testing.Eventually;
import dev.chronoscale.derp.testing.FrameRecorder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DERP over TLS and WebSocket over TLS, with a self-signed certificate made by the JDK's keytool, and the
 * plain-HTTP side listener.
 */
class TlsRelayTest {

    @Test
    void clientsExchangePacketsOverHttpsAndWss(@TempDir Path dir) throws Exception {
        SslContext tls = selfSigned(dir);
        EventLoopGroup clients = new NioEventLoopGroup(2);
        StandaloneDerpServer relay = StandaloneDerpServer.start(
                new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate())),
                new StandaloneDerpServer.Listeners(new InetSocketAddress("127.0.0.1", 0), Optional.of(tls),
                        Optional.empty(), Optional.of(new InetSocketAddress("127.0.0.1", 0))));
        try {
            int port = relay.httpAddress().getPort();
            NodePrivateKey a = NodePrivateKey.generate();
            NodePrivateKey b = NodePrivateKey.generate();
            FrameRecorder atB = new FrameRecorder();
            DerpClient clientA = DerpClient.connect(clients, DerpClientOptions.of(
                    URI.create("https://127.0.0.1:" + port + "/derp"), a).withInsecureTls(true), new FrameRecorder())
                    .get(10, TimeUnit.SECONDS);
            DerpClient clientB = DerpClient.connect(clients, DerpClientOptions.of(
                    URI.create("wss://127.0.0.1:" + port + "/derp"), b).withInsecureTls(true), atB)
                    .get(10, TimeUnit.SECONDS);
            Eventually.await("both registered", () -> relay.relay().connectedNodeCount() == 2);
            clientA.sendNow(b.publicKey(), "over tls".getBytes());
            RecvPacket p = atB.next(RecvPacket.class);
            assertThat(p.source()).isEqualTo(a.publicKey());
            assertThat(new String(p.packet())).isEqualTo("over tls");
            clientA.close();
            clientB.close();

            // The extra plain listener serves the captive-portal check next to TLS.
            int plainPort = relay.plainHttpAddress().orElseThrow().getPort();
            HttpResponse<String> noContent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + plainPort + "/generate_204")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noContent.statusCode()).isEqualTo(204);
        } finally {
            relay.close();
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static SslContext selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("relay.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=derp.test", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        return SslContextBuilder.forServer(kmf).build();
    }
}
