package dev.chronoscale.gateway.noise;

import static dev.chronoscale.gateway.RecordedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.gateway.RecordedVectors;
import dev.chronoscale.gateway.noise.NoiseWireFormat.HandshakeError;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Initiation;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Response;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoiseWireFormatTest {

    private final JsonNode handshake = RecordedVectors.recordedSession().get("handshake");

    @Test
    void parsesTheRecordedInitiationIntoItsFields() throws Exception {
        byte[] bytes = hex(handshake.get("initiation_message_hex"));
        JsonNode fields = handshake.get("initiation_fields");

        Initiation init = Initiation.parse(bytes);

        assertThat(init.protocolVersion()).isEqualTo(fields.get("protocol_version").asInt());
        assertThat(init.ephemeralPublic()).isEqualTo(hex(fields.get("client_ephemeral_pub")));
        assertThat(init.sealedMachineKey()).isEqualTo(hex(fields.get("encrypted_client_machine_pub")));
        assertThat(init.tag()).isEqualTo(hex(fields.get("tag")));
        assertThat(init.toBytes()).isEqualTo(bytes);
    }

    @Test
    void parsesTheRecordedResponseIntoItsFields() throws Exception {
        byte[] bytes = hex(handshake.get("response_message_hex"));
        JsonNode fields = handshake.get("response_fields");

        Response response = Response.parse(bytes);

        assertThat(response.ephemeralPublic()).isEqualTo(hex(fields.get("server_ephemeral_pub")));
        assertThat(response.tag()).isEqualTo(hex(fields.get("tag")));
        assertThat(response.toBytes()).isEqualTo(bytes);
    }

    @Test
    void refusesInitiationsOfTheWrongSizeTypeOrLength() {
        byte[] good = hex(handshake.get("initiation_message_hex"));

        assertThatThrownBy(() -> Initiation.parse(Arrays.copyOf(good, 100)))
                .isInstanceOf(NoiseHandshakeException.class)
                .extracting(e -> ((NoiseHandshakeException) e).clientMessage()).isEqualTo("wrong handshake initiation size");
        byte[] wrongType = good.clone();
        wrongType[2] = NoiseWireFormat.TYPE_RECORD;
        assertThatThrownBy(() -> Initiation.parse(wrongType))
                .extracting(e -> ((NoiseHandshakeException) e).clientMessage()).isEqualTo("unexpected handshake message type");
        byte[] wrongLength = good.clone();
        wrongLength[4] = 95;
        assertThatThrownBy(() -> Initiation.parse(wrongLength))
                .extracting(e -> ((NoiseHandshakeException) e).clientMessage()).isEqualTo("wrong handshake initiation length");
    }

    @Test
    void errorMessagesCarryTheirTextAfterAThreeByteHeader() {
        assertThat(new HandshakeError("no").toBytes()).containsExactly(0x03, 0x00, 0x02, 'n', 'o');
    }

    @Test
    void recordLimitsFollowFromTheFourKilobyteMaximum() {
        assertThat(NoiseWireFormat.INITIATION_LENGTH).isEqualTo(101);
        assertThat(NoiseWireFormat.RESPONSE_LENGTH).isEqualTo(51);
        assertThat(NoiseWireFormat.MAX_PLAINTEXT_LENGTH).isEqualTo(4077);
    }
}
