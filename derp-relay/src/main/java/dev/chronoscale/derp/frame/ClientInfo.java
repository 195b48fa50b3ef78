package dev.chronoscale.derp.frame;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.derp.crypto.MeshKey;
import java.util.Optional;

/**
 * What a client says about itself inside the sealed ClientInfo frame. Tailscale clients send
 * {@code {"version":2,"CanAckPings":true}}; mesh peers add {@code meshKey}.
 */
public record ClientInfo(Optional<MeshKey> meshKey, int version, boolean canAckPings, boolean isProber, String appName) {

    public static final int PROTOCOL_VERSION = 2;

    public ClientInfo {
        appName = appName == null ? "" : appName;
    }

    public static ClientInfo regular() {
        return new ClientInfo(Optional.empty(), PROTOCOL_VERSION, true, false, "");
    }

    public static ClientInfo meshPeer(MeshKey key) {
        return new ClientInfo(Optional.of(key), PROTOCOL_VERSION, true, false, "");
    }

    /** Go field order and omitempty rules: meshKey, version, CanAckPings (always), IsProber, AppName. */
    public byte[] toJson() {
        return InfoJson.write(g -> {
            if (meshKey.isPresent()) {
                g.writeStringField("meshKey", meshKey.get().toHex());
            }
            if (version != 0) {
                g.writeNumberField("version", version);
            }
            g.writeBooleanField("CanAckPings", canAckPings);
            if (isProber) {
                g.writeBooleanField("IsProber", true);
            }
            if (!appName.isEmpty()) {
                g.writeStringField("AppName", appName);
            }
        });
    }

    public static ClientInfo fromJson(byte[] json) {
        JsonNode node = InfoJson.read(json, "ClientInfo");
        Optional<MeshKey> mesh = InfoJson.field(node, "meshKey").map(JsonNode::asText).filter(s -> !s.isEmpty())
                .map(text -> {
                    try {
                        return MeshKey.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new MalformedFrameException("ClientInfo meshKey: " + e.getMessage());
                    }
                });
        return new ClientInfo(
                mesh,
                InfoJson.field(node, "version").map(JsonNode::asInt).orElse(0),
                InfoJson.field(node, "CanAckPings").map(JsonNode::asBoolean).orElse(false),
                InfoJson.field(node, "IsProber").map(JsonNode::asBoolean).orElse(false),
                InfoJson.field(node, "AppName").map(JsonNode::asText).orElse(""));
    }
}
