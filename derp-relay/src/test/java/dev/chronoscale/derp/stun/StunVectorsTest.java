package dev.chronoscale.derp.stun;

import static dev.chronoscale.derp.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.derp.Vectors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The STUN exchange recorded between tailscaled's netcheck and derper (stun.json). */
class StunVectorsTest {
    private static final JsonNode PACKETS = Vectors.load("stun.json").get("packets");

    private static InetSocketAddress address(String ipPort) throws Exception {
        int colon = ipPort.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(ipPort.substring(0, colon)),
                Integer.parseInt(ipPort.substring(colon + 1)));
    }

    @Test
    void everyRecordedResponseIsReproducedByteForByteFromItsRequest() throws Exception {
        int checked = 0;
        for (JsonNode response : PACKETS) {
            if (!response.get("dir").asText().equals("s2c")) {
                continue;
            }
            String txId = response.get("transaction_id").asText();
            JsonNode request = requestFor(txId);
            byte[] ours = StunServer.respond(hex(request.get("hex")),
                    address(request.get("source_addr_seen_by_derper").asText()));
            assertThat(Vectors.hex(ours)).isEqualTo(response.get("hex").asText());
            checked++;
        }
        assertThat(checked).isGreaterThan(0);
    }

    @Test
    void everyRecordedRequestParsesAndReencodesIdentically() throws Exception {
        List<JsonNode> requests = requests();
        assertThat(requests).isNotEmpty();
        for (JsonNode r : requests) {
            StunBindingRequest parsed = StunBindingRequest.parse(hex(r.get("hex")));
            assertThat(Vectors.hex(parsed.transactionId())).isEqualTo(r.get("transaction_id").asText());
            assertThat(Vectors.hex(parsed.encode())).isEqualTo(r.get("hex").asText());
        }
    }

    @Test
    void recordedResponsesDecodeToTheAddressDerperSaw() throws Exception {
        for (JsonNode p : PACKETS) {
            if (p.get("dir").asText().equals("s2c")) {
                StunBindingResponse parsed = StunBindingResponse.parse(hex(p.get("hex")));
                assertThat(parsed.mappedAddress()).isEqualTo(address(p.get("source_addr_seen_by_derper").asText()));
            }
        }
    }

    @Test
    void requestsWithBadFingerprintWrongSoftwareOrTruncationAreIgnored() {
        byte[] good = hex(requests().get(0).get("hex"));
        byte[] badFingerprint = good.clone();
        badFingerprint[good.length - 1] ^= 1;
        byte[] otherSoftware = good.clone();
        otherSoftware[24] = 'T';
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] notStun = good.clone();
        notStun[4] = 0;
        for (byte[] bad : List.of(badFingerprint, otherSoftware, truncated, notStun, new byte[5])) {
            assertThatThrownBy(() -> StunBindingRequest.parse(bad)).isInstanceOf(StunFormatException.class);
        }
    }

    @Test
    void ipv4MappedIpv6SourcesAreAnsweredAsIpv4AndIpv6AsFamilyTwo() throws Exception {
        StunBindingRequest request = new StunBindingRequest(hex("0102030405060708090a0b0c"));
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByAddress(
                hex("00000000000000000000ffffc0000201")), 41641);
        byte[] v4 = StunServer.respond(request.encode(), mapped);
        assertThat(v4).hasSize(32);
        assertThat(v4[25]).isEqualTo((byte) 1);
        assertThat(StunBindingResponse.parse(v4).mappedAddress())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 41641));

        InetSocketAddress v6Source = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 3478);
        byte[] v6 = StunServer.respond(request.encode(), v6Source);
        assertThat(v6).hasSize(44);
        assertThat(v6[25]).isEqualTo((byte) 2);
        assertThat(StunBindingResponse.parse(v6).mappedAddress()).isEqualTo(v6Source);
    }

    private static JsonNode requestFor(String txId) {
        return requests().stream().filter(r -> r.get("transaction_id").asText().equals(txId)).findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> requests() {
        List<JsonNode> out = new ArrayList<>();
        PACKETS.forEach(p -> {
            if (p.get("dir").asText().equals("c2s")) {
                out.add(p);
            }
        });
        return out;
    }
}
