package dev.chronoscale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * The traffic recorded between a real tailscale v1.82.5 client and Tailscale's test control
 * server (copied from shared/vectors into the test resources).
 */
public final class RecordedVectors {

    private static JsonNode ts2021Session;
    private static JsonNode controlRequests;

    private RecordedVectors() {
    }

    public static synchronized JsonNode ts2021Session() {
        if (ts2021Session == null) {
            ts2021Session = load("/vectors/ts2021-session.json");
        }
        return ts2021Session;
    }

    public static synchronized JsonNode controlRequests() {
        if (controlRequests == null) {
            controlRequests = load("/vectors/control-requests.json");
        }
        return controlRequests;
    }

    /** vec-node-1's complete connection: handshake and every record. */
    public static JsonNode recordedSession() {
        return ts2021Session().get("sessions").get(0);
    }

    public static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }

    private static JsonNode load(String resource) {
        try (InputStream in = RecordedVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
