package dev.chronoscale.gateway.ts2021;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.gateway.noise.NoiseCipherState;
import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseSession;
import dev.chronoscale.gateway.noise.NoiseWireFormat;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the server does with upgrades, handshakes and records no well-behaved client sends, driven by
 * hand over a raw socket. (The ts2021 client's round trips against this server are tested beside
 * the client, in the tools module.)
 */
class Ts2021UpgradeRefusalTest {

    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** An HTTP/2 SETTINGS frame with no settings: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 0x04, 0, 0, 0, 0, 0};
    private static final byte FRAME_SETTINGS = 0x04;
    private static final byte FLAG_ACK = 0x01;

    private static Ts2021TestServer server;

    @BeforeAll
    static void start() {
        server = new Ts2021TestServer(ServerNoiseKey.of(NoiseKeyPair.generate()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String errorText(byte[] message) {
        assertThat(message[0]).isEqualTo(NoiseWireFormat.TYPE_ERROR);
        return new String(message, 3, message.length - 3, StandardCharsets.UTF_8);
    }

    private static byte[] record(NoiseCipherState sender, byte[] plaintext) throws Exception {
        byte[] sealed = sender.seal(plaintext);
        byte[] record = new byte[NoiseWireFormat.HEADER_LENGTH + sealed.length];
        record[0] = NoiseWireFormat.TYPE_RECORD;
        record[1] = (byte) (sealed.length >>> 8);
        record[2] = (byte) sealed.length;
        System.arraycopy(sealed, 0, record, NoiseWireFormat.HEADER_LENGTH, sealed.length);
        return record;
    }

    /** Reads the server's records until its HTTP/2 frames include a SETTINGS acknowledgement. */
    private static void awaitSettingsAck(RawTs2021Socket socket, NoiseCipherState receiver) throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        while (true) {
            byte[] message = socket.readMessage();
            assertThat(message[0]).isEqualTo(NoiseWireFormat.TYPE_RECORD);
            frames.write(receiver.open(Arrays.copyOfRange(message, NoiseWireFormat.HEADER_LENGTH, message.length)));
            byte[] bytes = frames.toByteArray();
            for (int at = 0; at + 9 <= bytes.length; ) {
                int length = ((bytes[at] & 0xff) << 16) | ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
                if (bytes[at + 3] == FRAME_SETTINGS && (bytes[at + 4] & FLAG_ACK) != 0) {
                    return;
                }
                at += 9 + length;
            }
        }
    }

    @Test
    void badHandshakesAndRecordsCloseOnlyTheirOwnConnection() throws Exception {
        try (RawTs2021Socket healthy = new RawTs2021Socket(server.address())) {
            NoiseSession healthySession = healthy.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
            NoiseCipherState toServer = healthySession.newSender();
            NoiseCipherState fromServer = healthySession.newReceiver();

            // garbage in place of an initiation: 101, then a Noise error message, then close
            try (RawTs2021Socket garbage = new RawTs2021Socket(server.address())) {
                garbage.send(RawTs2021Socket.upgradeRequest("not a noise message".getBytes()));
                assertThat(garbage.readHead()).startsWith("HTTP/1.1 101");
                assertThat(errorText(garbage.readMessage())).isEqualTo("wrong handshake initiation size");
                assertThat(garbage.closedByServer()).isTrue();
            }
            // a version header that differs from the one in the client's prologue
            try (RawTs2021Socket tampered = new RawTs2021Socket(server.address())) {
                byte[] initiation = NoiseHandshake.initiate(NoiseKeyPair.generate(), server.serverKey.publicKey(), 131,
                        NoiseKeyPair.generate()).initiation().toBytes();
                initiation[1] = (byte) 132;
                tampered.send(RawTs2021Socket.upgradeRequest(initiation));
                assertThat(tampered.readHead()).startsWith("HTTP/1.1 101");
                assertThat(errorText(tampered.readMessage())).isEqualTo("handshake failed");
                assertThat(tampered.closedByServer()).isTrue();
            }
            // a version below the supported minimum
            try (RawTs2021Socket old = new RawTs2021Socket(server.address())) {
                old.send(RawTs2021Socket.upgradeRequest(NoiseHandshake.initiate(NoiseKeyPair.generate(),
                        server.serverKey.publicKey(), 112, NoiseKeyPair.generate()).initiation().toBytes()));
                assertThat(old.readHead()).startsWith("HTTP/1.1 101");
                assertThat(errorText(old.readMessage())).startsWith("client version too old");
                assertThat(old.closedByServer()).isTrue();
            }
            // a record longer than 4096 bytes after a good handshake
            try (RawTs2021Socket oversized = new RawTs2021Socket(server.address())) {
                oversized.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
                byte[] record = new byte[NoiseWireFormat.MAX_RECORD_LENGTH + 1];
                record[0] = NoiseWireFormat.TYPE_RECORD;
                record[1] = (byte) ((record.length - 3) >>> 8);
                record[2] = (byte) (record.length - 3);
                oversized.send(record);
                assertThat(oversized.closedByServer()).isTrue();
            }
            // a record that fails authentication
            try (RawTs2021Socket forged = new RawTs2021Socket(server.address())) {
                NoiseSession session = forged.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
                byte[] record = record(session.newSender(), HTTP2_PREFACE);
                record[NoiseWireFormat.HEADER_LENGTH] ^= 1;
                forged.send(record);
                assertThat(forged.closedByServer()).isTrue();
            }
            // plaintext HTTP/2 where Noise records belong
            try (RawTs2021Socket plaintext = new RawTs2021Socket(server.address())) {
                plaintext.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
                plaintext.send(HTTP2_PREFACE);
                assertThat(plaintext.closedByServer()).isTrue();
            }

            // The first connection is still served: its HTTP/2 settings get acknowledged.
            byte[] opening = new byte[HTTP2_PREFACE.length + EMPTY_SETTINGS.length];
            System.arraycopy(HTTP2_PREFACE, 0, opening, 0, HTTP2_PREFACE.length);
            System.arraycopy(EMPTY_SETTINGS, 0, opening, HTTP2_PREFACE.length, EMPTY_SETTINGS.length);
            healthy.send(record(toServer, opening));
            awaitSettingsAck(healthy, fromServer);
        }
    }

    @Test
    void requestsThatCannotStartAHandshakeGetA400AndStayHttp() throws Exception {
        try (RawTs2021Socket socket = new RawTs2021Socket(server.address())) {
            socket.send("POST /ts2021 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\nConnection: upgrade\r\n"
                    + "Upgrade: tailscale-control-protocol\r\nX-Tailscale-Handshake: %%%\r\n\r\n");
            String head = socket.readHead();
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(socket.readBody(head)).isEqualTo("missing or invalid Tailscale handshake header\n");

            socket.send("POST /ts2021 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
            head = socket.readHead();
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(socket.readBody(head)).startsWith("missing next protocol");

            socket.send("GET /key?v=131 HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(socket.readHead()).startsWith("HTTP/1.1 200");
        }
    }
}
