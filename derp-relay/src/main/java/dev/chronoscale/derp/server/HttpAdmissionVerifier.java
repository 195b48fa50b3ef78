package dev.chronoscale.derp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.derp.crypto.NodePublicKey;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a control server whether a node may connect, with derper's {@code --verify-client-url} protocol
 * (also what Headscale answers): {@code POST {"NodePublic":"nodekey:…","Source":"1.2.3.4"}}, reply
 * {@code {"Allow":true}}. Anything but HTTP 200 with {@code Allow:true} refuses, unless {@code failOpen}
 * is set and the control server could not be reached at all.
 */
public final class HttpAdmissionVerifier implements ClientAdmission {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESPONSE_BYTES = 4 << 10;

    private final URI verifyUrl;
    private final boolean failOpen;
    private final Duration timeout;
    private final HttpClient http;

    public HttpAdmissionVerifier(URI verifyUrl, boolean failOpen, Duration timeout) {
        this.verifyUrl = verifyUrl;
        this.failOpen = failOpen;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public HttpAdmissionVerifier(URI verifyUrl) {
        this(verifyUrl, false, Duration.ofSeconds(5));
    }

    @Override
    public CompletableFuture<AdmissionDecision> admit(NodePublicKey node, InetAddress source) {
        ObjectNode body = JSON.createObjectNode();
        body.put("NodePublic", node.toString());
        body.put("Source", source.getHostAddress());
        HttpRequest request = HttpRequest.newBuilder(verifyUrl)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(this::decide)
                .exceptionally(e -> failOpen
                        ? AdmissionDecision.allow()
                        : AdmissionDecision.deny("admission controller unreachable: " + e.getMessage()));
    }

    private AdmissionDecision decide(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return AdmissionDecision.deny("admission controller answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_RESPONSE_BYTES) {
            return AdmissionDecision.deny("admission controller answer too long");
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            return answer != null && answer.path("Allow").asBoolean(false)
                    ? AdmissionDecision.allow()
                    : AdmissionDecision.deny("admission controller did not allow the node");
        } catch (java.io.IOException e) {
            return AdmissionDecision.deny("admission controller answer is not JSON");
        }
    }
}
