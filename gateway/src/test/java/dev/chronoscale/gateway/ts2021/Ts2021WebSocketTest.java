package dev.chronoscale.gateway.ts2021;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.gateway.noise.NoiseCipherState;
import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseSession;
import dev.chronoscale.gateway.noise.NoiseWireFormat;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket variant used by browser (js/wasm) clients, driven by the JDK's own WebSocket
 * client: the same Noise handshake and HTTP/2 inside binary messages.
 */
class Ts2021WebSocketTest {

    private static final byte[] PING_DATA = "chronosc".getBytes(StandardCharsets.US_ASCII);

    /** Collects the binary payloads as one byte stream; message boundaries mean nothing here. */
    private static final class ByteStreamListener implements WebSocket.Listener {
        final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            chunks.add(bytes);
            webSocket.request(1);
            return null;
        }

        byte[] read(int length) throws InterruptedException, IOException {
            while (buffered.size() < length) {
                byte[] chunk = chunks.poll(20, TimeUnit.SECONDS);
                if (chunk == null) {
                    throw new IOException("no data from the server");
                }
                buffered.write(chunk);
            }
            byte[] all = buffered.toByteArray();
            buffered.reset();
            buffered.write(all, length, all.length - length);
            return Arrays.copyOf(all, length);
        }

        byte[] readRecordPlaintext(NoiseCipherState fromServer) throws Exception {
            byte[] header = read(NoiseWireFormat.HEADER_LENGTH);
            assertThat(header[0]).isEqualTo(NoiseWireFormat.TYPE_RECORD);
            return fromServer.open(read(((header[1] & 0xff) << 8) | (header[2] & 0xff)));
        }
    }

    private static URI ts2021Uri(Ts2021TestServer server, byte[] initiation) {
        String handshake = URLEncoder.encode(Base64.getEncoder().encodeToString(initiation), StandardCharsets.UTF_8);
        return URI.create("ws://127.0.0.1:" + server.address().getPort() + "/ts2021?X-Tailscale-Handshake=" + handshake);
    }

    private static byte[] record(NoiseCipherState toServer, byte[] plaintext) throws Exception {
        byte[] sealed = toServer.seal(plaintext);
        byte[] record = new byte[3 + sealed.length];
        record[0] = NoiseWireFormat.TYPE_RECORD;
        record[1] = (byte) (sealed.length >>> 8);
        record[2] = (byte) sealed.length;
        System.arraycopy(sealed, 0, record, 3, sealed.length);
        return record;
    }

    @Test
    void theHandshakeAndHttp2RunInsideBinaryMessages() throws Exception {
        ServerNoiseKey serverKey = ServerNoiseKey.of(NoiseKeyPair.generate());
        try (Ts2021TestServer server = new Ts2021TestServer(serverKey);
             HttpClient http = HttpClient.newHttpClient()) {
            NoiseHandshake.Initiator initiator = NoiseHandshake.initiate(NoiseKeyPair.generate(), serverKey.publicKey(), 131,
                    NoiseKeyPair.generate());
            ByteStreamListener listener = new ByteStreamListener();
            WebSocket webSocket = http.newWebSocketBuilder()
                    .subprotocols(Ts2021Upgrade.PROTOCOL)
                    .buildAsync(ts2021Uri(server, initiator.initiation().toBytes()), listener)
                    .get(20, TimeUnit.SECONDS);
            assertThat(webSocket.getSubprotocol()).isEqualTo(Ts2021Upgrade.PROTOCOL);

            NoiseSession session = initiator.finish(NoiseWireFormat.Response.parse(listener.read(NoiseWireFormat.RESPONSE_LENGTH)));
            NoiseCipherState fromServer = session.newReceiver();
            NoiseCipherState toServer = session.newSender();
            byte[] serverSettings = listener.readRecordPlaintext(fromServer);
            assertThat(serverSettings[3]).as("frame type").isEqualTo((byte) 0x04);

            ByteArrayOutputStream h2 = new ByteArrayOutputStream();
            h2.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            h2.write(new byte[] {0, 0, 0, 0x04, 0, 0, 0, 0, 0});                 // SETTINGS, empty
            h2.write(new byte[] {0, 0, 8, 0x06, 0, 0, 0, 0, 0});                 // PING
            h2.write(PING_DATA);
            webSocket.sendBinary(ByteBuffer.wrap(record(toServer, h2.toByteArray())), true).get(20, TimeUnit.SECONDS);

            ByteArrayOutputStream fromH2 = new ByteArrayOutputStream();
            byte[] pingAck = null;
            while (pingAck == null) {
                fromH2.write(listener.readRecordPlaintext(fromServer));
                pingAck = findPingAck(fromH2.toByteArray());
            }
            assertThat(pingAck).isEqualTo(PING_DATA);
            webSocket.abort();
        }
    }

    @Test
    void aWebSocketWithoutTheControlSubprotocolIsRefused() throws Exception {
        ServerNoiseKey serverKey = ServerNoiseKey.of(NoiseKeyPair.generate());
        try (Ts2021TestServer server = new Ts2021TestServer(serverKey);
             HttpClient http = HttpClient.newHttpClient()) {
            byte[] initiation = NoiseHandshake.initiate(NoiseKeyPair.generate(), serverKey.publicKey(), 131,
                    NoiseKeyPair.generate()).initiation().toBytes();
            assertThatThrownBy(() -> http.newWebSocketBuilder()
                    .buildAsync(ts2021Uri(server, initiation), new ByteStreamListener())
                    .get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class);
        }
    }

    /** Walks HTTP/2 frames (9-byte headers) and returns the payload of a PING with the ACK flag, if any. */
    private static byte[] findPingAck(byte[] frames) {
        int offset = 0;
        while (offset + 9 <= frames.length) {
            int length = ((frames[offset] & 0xff) << 16) | ((frames[offset + 1] & 0xff) << 8) | (frames[offset + 2] & 0xff);
            if (offset + 9 + length > frames.length) {
                return null;
            }
            if (frames[offset + 3] == 0x06 && (frames[offset + 4] & 0x01) != 0) {
                return Arrays.copyOfRange(frames, offset + 9, offset + 9 + length);
            }
            offset += 9 + length;
        }
        return null;
    }
}
