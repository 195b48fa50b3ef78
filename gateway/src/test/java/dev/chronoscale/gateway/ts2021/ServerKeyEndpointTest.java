package dev.chronoscale.gateway.ts2021;

import static dev.chronoscale.gateway.RecordedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.gateway.RecordedVectors;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerKeyEndpointTest {

    private static FullHttpResponse get(ServerKeyEndpoint endpoint, String uri) {
        return endpoint.respond(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
    }

    @Test
    void answersWithTheRecordedBodyForTheRecordedKeys() {
        JsonNode server = RecordedVectors.ts2021Session().get("server");
        JsonNode recorded = RecordedVectors.ts2021Session().get("key_requests").get(0);
        ServerKeyEndpoint endpoint = new ServerKeyEndpoint(
                NoiseKeyPair.fromPrivate(hex(server.get("noise_static_private"))).publicKey(),
                NoiseKeyPair.fromPrivate(hex(server.get("legacy_control_private"))).publicKey());

        FullHttpResponse response = get(endpoint, recorded.get("request").get("path").asText());

        assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(response.content().toString(StandardCharsets.US_ASCII))
                .isEqualTo(recorded.get("response").get("body_text").asText());
        assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(176);
        response.release();
    }

    @Test
    void publishesAZeroLegacyKeyAndTheNoiseKeyByDefault() {
        ServerNoiseKey key = ServerNoiseKey.of(NoiseKeyPair.generate());

        FullHttpResponse response = get(new ServerKeyEndpoint(key), "/key?v=131");

        assertThat(response.content().toString(StandardCharsets.US_ASCII)).isEqualTo(
                "{\"legacyPublicKey\":\"" + MachinePublicKey.zero().text() + "\",\"publicKey\":\"" + key.publicKeyText() + "\"}\n");
        response.release();
    }

    @Test
    void refusesRequestsWithoutAUsableVersion() {
        ServerKeyEndpoint endpoint = new ServerKeyEndpoint(ServerNoiseKey.of(NoiseKeyPair.generate()));

        assertThat(get(endpoint, "/key").status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(get(endpoint, "/key?v=abc").status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(get(endpoint, "/key?v=38").status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(endpoint.respond(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/key?v=115")).status())
                .isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    }
}
