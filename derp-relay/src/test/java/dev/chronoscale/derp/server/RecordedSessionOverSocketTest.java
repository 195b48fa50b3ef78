package dev.chronoscale.derp.server;

import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import static dev.chronoscale.derp.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.derp.Vectors;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tailscaled's recorded bytes sent over a real socket to our standalone relay holding derper's key:
 * the upgrade answer and the ServerKey frame must be derper's bytes exactly.
 */
class RecordedSessionOverSocketTest {
    private static final JsonNode SESSION = Vectors.load("derp-session.json");
    private StandaloneDerpServer relay;

    @BeforeEach
    void start() throws Exception {
        relay = StandaloneDerpServer.start(new DerpServer(DerpServerConfig.defaults(
                        NodePrivateKey.of(hex(SESSION.get("derp_server_private"))))),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void upgradeResponseAndServerKeyAreDerpersBytes() throws Exception {
        JsonNode conn = SESSION.get("connections").get(0);
        try (Socket s = connect()) {
            s.getOutputStream().write(hex(conn.get("http_upgrade_request").get("raw_hex")));
            InputStream in = s.getInputStream();
            assertThat(Vectors.hex(readHead(in))).isEqualTo(conn.get("http_upgrade_response").get("raw_hex").asText());
            JsonNode serverKey = conn.get("frames").get(0);
            assertThat(serverKey.get("type_name").asText()).isEqualTo("ServerKey");
            byte[] frame = new DataInputStream(in).readNBytes(5 + serverKey.get("length").asInt());
            assertThat(Vectors.hex(frame)).isEqualTo(serverKey.get("header_hex").asText()
                    + serverKey.get("payload_hex").asText());

            // The recorded ClientInfo and NotePreferred: the relay accepts the node and registers it.
            for (JsonNode f : conn.get("frames")) {
                String type = f.get("type_name").asText();
                if (f.get("dir").asText().equals("c2s") && (type.equals("ClientInfo") || type.equals("NotePreferred"))) {
                    s.getOutputStream().write(hex(f.get("header_hex").asText() + f.get("payload_hex").asText()));
                }
            }
            DataInputStream data = new DataInputStream(in);
            assertThat(data.readUnsignedByte()).isEqualTo(0x03); // ServerInfo
            Eventually.await("recorded node registered", () -> relay.relay()
                    .isConnected(NodePublicKey.parse(conn.get("client_public").asText())));
        }
    }

    @Test
    void aTlsClientHelloOnThePlainListenerGets400LikeDerper() throws Exception {
        JsonNode probe = SESSION.get("non_derp_connections").get(0);
        try (Socket s = connect()) {
            s.getOutputStream().write(hex(probe.get("c2s_hex")));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(probe.get("s2c_text").asText()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(relay.httpAddress());
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the end of the HTTP head");
            }
            head.write(c);
        }
        return head.toByteArray();
    }
}
