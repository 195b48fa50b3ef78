package dev.chronoscale.tools.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code GET /key?v=N}: learns a control server's Noise key, as tailscaled does before dialing /ts2021. */
public final class ServerKeyLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    public ServerKeyLookup(HttpClient http) {
        this.http = http;
    }

    /**
     * @param serverUrl e.g. {@code http://127.0.0.1:8080} (no trailing path)
     */
    public MachinePublicKey noiseKey(URI serverUrl, int capabilityVersion) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(serverUrl.resolve("/key?v=" + capabilityVersion))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /key answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode key = body.get("publicKey");
        if (key == null || !key.isTextual()) {
            throw new IOException("GET /key returned no publicKey: " + response.body());
        }
        MachinePublicKey noiseKey;
        try {
            noiseKey = MachinePublicKey.parse(key.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("GET /key returned a malformed publicKey", e);
        }
        if (noiseKey.equals(MachinePublicKey.zero())) {
            throw new IOException("control server is too old; no noise key");
        }
        return noiseKey;
    }
}
