package dev.chronoscale.gateway.ts2021;

import static dev.chronoscale.gateway.RecordedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.gateway.RecordedVectors;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseCipherState;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseSession;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Plays the bytes a real tailscaled (v1.82.5) sent to Tailscale's test control server into our
 * server pipeline, with the recorded server keys: our 101 must be followed by the recorded
 * handshake reply, and every HTTP/2 request the client made must arrive intact at the stream
 * handler, with the client's machine key.
 */
class RecordedClientReplayTest {

    @Test
    void aRecordedTailscaleClientSessionArrivesIntactAtTheStreamHandlers() throws Exception {
        JsonNode vectors = RecordedVectors.ts2021Session();
        JsonNode session = RecordedVectors.recordedSession();
        JsonNode handshake = session.get("handshake");
        NoiseKeyPair serverStatic = NoiseKeyPair.fromPrivate(hex(vectors.get("server").get("noise_static_private")));
        NoiseKeyPair recordedEphemeral = NoiseKeyPair.fromPrivate(hex(handshake.get("server_ephemeral_private")));

        try (Ts2021TestServer server = new Ts2021TestServer(ServerNoiseKey.of(serverStatic), () -> recordedEphemeral);
             RawTs2021Socket socket = new RawTs2021Socket(server.address())) {
            socket.send(hex(session.get("http_upgrade_request").get("raw_hex")));

            String head = socket.readHead();
            assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(head).containsIgnoringCase("upgrade: tailscale-control-protocol\r\n");
            assertThat(head).containsIgnoringCase("connection: upgrade\r\n");
            assertThat(socket.readExactly(51)).isEqualTo(hex(session.get("server_bytes_after_101_before_first_record_hex")));

            NoiseCipherState fromServer = new NoiseSession(MachinePublicKey.zero(), 115, new byte[32],
                    hex(handshake.get("transport_key_client_to_server")),
                    hex(handshake.get("transport_key_server_to_client"))).newReceiver();
            byte[] firstRecord = socket.readMessage();
            byte[] settings = fromServer.open(Arrays.copyOfRange(firstRecord, 3, firstRecord.length));
            assertThat(settings[3]).as("HTTP/2 frame type of the server's first frame").isEqualTo((byte) 0x04);

            ByteArrayOutputStream clientRecords = new ByteArrayOutputStream();
            for (JsonNode record : session.get("records")) {
                if (record.get("dir").asText().equals("c2s")) {
                    clientRecords.write(hex(record.get("frame_hex")));
                }
            }
            socket.send(clientRecords.toByteArray());

            JsonNode exchanges = RecordedVectors.controlRequests().get("sessions").get(0).get("exchanges");
            MachinePublicKey client = new MachinePublicKey(hex(handshake.get("client_machine_public")));
            List<Ts2021TestServer.StreamRequest> seen = new ArrayList<>();
            for (int i = 0; i < exchanges.size(); i++) {
                Ts2021TestServer.StreamRequest request = server.requests.poll(20, TimeUnit.SECONDS);
                assertThat(request).as("request %d of %d", i + 1, exchanges.size()).isNotNull();
                seen.add(request);
            }
            for (int i = 0; i < exchanges.size(); i++) {
                JsonNode expected = exchanges.get(i).get("request");
                Ts2021TestServer.StreamRequest actual = seen.get(i);
                assertThat(actual.machine().machineKey()).isEqualTo(client);
                assertThat(actual.machine().capabilityVersion()).isEqualTo(115);
                assertThat(actual.method()).isEqualTo(expected.get("method").asText());
                assertThat(actual.path()).isEqualTo(expected.get("path").asText());
                assertThat(actual.body()).as("body of stream %s", exchanges.get(i).get("stream_id"))
                        .isEqualTo(hex(expected.get("body_hex")));
            }
        }
    }
}
