package dev.chronoscale.gateway.noise;

import static dev.chronoscale.gateway.RecordedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.gateway.RecordedVectors;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Initiation;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseHandshakeTest {

    private static List<JsonNode> recordedHandshakes() {
        List<JsonNode> all = new ArrayList<>();
        all.add(RecordedVectors.recordedSession());
        RecordedVectors.ts2021Session().get("additional_handshakes").forEach(all::add);
        return all;
    }

    @Test
    void replaysEveryRecordedHandshakeByteForByte() throws Exception {
        List<JsonNode> handshakes = recordedHandshakes();
        assertThat(handshakes).hasSize(3);
        for (JsonNode connection : handshakes) {
            JsonNode hs = connection.get("handshake");
            Initiation init = Initiation.parse(hex(connection.get("http_upgrade_request").get("x_tailscale_handshake_hex")));

            NoiseHandshake.Accepted accepted = NoiseHandshake.respond(init,
                    NoiseKeyPair.fromPrivate(hex(hs.get("server_static_private"))),
                    NoiseKeyPair.fromPrivate(hex(hs.get("server_ephemeral_private"))));

            assertThat(accepted.response().toBytes()).isEqualTo(hex(hs.get("response_message_hex")));
            assertThat(accepted.response().toBytes()).isEqualTo(hex(connection.get("server_bytes_after_101_before_first_record_hex")));
            NoiseSession session = accepted.session();
            assertThat(session.peer()).isEqualTo(new MachinePublicKey(hex(hs.get("client_machine_public"))));
            assertThat(session.protocolVersion()).isEqualTo(connection.get("protocol_version").asInt());
            assertThat(session.handshakeHash()).isEqualTo(hex(hs.get("handshake_hash")));
            assertThat(session.receiveKey()).isEqualTo(hex(hs.get("transport_key_client_to_server")));
            assertThat(session.sendKey()).isEqualTo(hex(hs.get("transport_key_server_to_client")));
        }
    }

    @Test
    void recordedClientMachineKeysMatchTheKeysTheHandshakeAuthenticated() throws Exception {
        JsonNode vectors = RecordedVectors.ts2021Session();
        JsonNode client = vectors.get("clients").get(0);
        assertThat(NoiseKeyPair.fromPrivate(hex(client.get("machine_private"))).publicKey().text())
                .isEqualTo(client.get("machine_public_text").asText());
        assertThat(NoiseKeyPair.fromPrivate(hex(vectors.get("server").get("noise_static_private"))).publicKey().text())
                .isEqualTo(vectors.get("server").get("noise_static_public_text").asText());
    }

    @Test
    void clientAndServerAgreeOnKeysAndIdentities() throws Exception {
        NoiseKeyPair server = NoiseKeyPair.generate();
        NoiseKeyPair machine = NoiseKeyPair.generate();

        NoiseHandshake.Initiator initiator = NoiseHandshake.initiate(machine, server.publicKey(), 131, NoiseKeyPair.generate());
        Initiation sent = Initiation.parse(initiator.initiation().toBytes());
        NoiseHandshake.Accepted accepted = NoiseHandshake.respond(sent, server, NoiseKeyPair.generate());
        NoiseSession clientSession = initiator.finish(Response.parse(accepted.response().toBytes()));

        assertThat(accepted.session().peer()).isEqualTo(machine.publicKey());
        assertThat(clientSession.peer()).isEqualTo(server.publicKey());
        assertThat(clientSession.sendKey()).isEqualTo(accepted.session().receiveKey());
        assertThat(clientSession.receiveKey()).isEqualTo(accepted.session().sendKey());
        assertThat(clientSession.handshakeHash()).isEqualTo(accepted.session().handshakeHash());
        assertThat(accepted.session().protocolVersion()).isEqualTo(131);

        byte[] sealed = clientSession.newSender().seal("ping".getBytes());
        assertThat(new String(accepted.session().newReceiver().open(sealed))).isEqualTo("ping");
    }

    @Test
    void aVersionOtherThanTheOneInThePrologueFailsTheHandshake() throws Exception {
        JsonNode connection = RecordedVectors.recordedSession();
        JsonNode hs = connection.get("handshake");
        byte[] message = hex(hs.get("initiation_message_hex"));
        message[1] = (byte) (message[1] + 1); // 115 -> 116: the client mixed "v115" into its prologue

        Initiation tampered = Initiation.parse(message);
        assertThatThrownBy(() -> NoiseHandshake.respond(tampered,
                NoiseKeyPair.fromPrivate(hex(hs.get("server_static_private"))), NoiseKeyPair.generate()))
                .isInstanceOf(NoiseHandshakeException.class);
    }

    @Test
    void aClientThatPinnedAnotherServerKeyIsRefused() throws Exception {
        NoiseHandshake.Initiator initiator = NoiseHandshake.initiate(NoiseKeyPair.generate(),
                NoiseKeyPair.generate().publicKey(), 115, NoiseKeyPair.generate());
        assertThatThrownBy(() -> NoiseHandshake.respond(initiator.initiation(), NoiseKeyPair.generate(), NoiseKeyPair.generate()))
                .isInstanceOf(NoiseHandshakeException.class);
    }

    @Test
    void aLowOrderEphemeralKeyIsRefused() throws Exception {
        byte[] message = hex(RecordedVectors.recordedSession().get("handshake").get("initiation_message_hex"));
        java.util.Arrays.fill(message, 5, 37, (byte) 0);
        Initiation lowOrder = Initiation.parse(message);
        assertThatThrownBy(() -> NoiseHandshake.respond(lowOrder, NoiseKeyPair.generate(), NoiseKeyPair.generate()))
                .isInstanceOf(NoiseHandshakeException.class)
                .hasMessageContaining("low-order");
    }

    @Test
    void aTamperedResponseIsRefusedByTheClient() throws Exception {
        NoiseKeyPair server = NoiseKeyPair.generate();
        NoiseHandshake.Initiator initiator = NoiseHandshake.initiate(NoiseKeyPair.generate(), server.publicKey(), 115, NoiseKeyPair.generate());
        byte[] response = NoiseHandshake.respond(initiator.initiation(), server, NoiseKeyPair.generate()).response().toBytes();
        response[response.length - 1] ^= 1;
        assertThatThrownBy(() -> initiator.finish(Response.parse(response))).isInstanceOf(NoiseHandshakeException.class);
    }
}
