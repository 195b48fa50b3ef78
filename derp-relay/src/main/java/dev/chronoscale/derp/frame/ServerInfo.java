package dev.chronoscale.derp.frame;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the server tells the client inside the sealed ServerInfo frame: its protocol version and an
 * optional send rate the client should keep to (0 means none). derper sends exactly {@code {"version":2}}.
 */
public record ServerInfo(int version, long tokenBucketBytesPerSecond, long tokenBucketBytesBurst) {

    public static ServerInfo current() {
        return new ServerInfo(ClientInfo.PROTOCOL_VERSION, 0, 0);
    }

    public byte[] toJson() {
        return InfoJson.write(g -> {
            if (version != 0) {
                g.writeNumberField("version", version);
            }
            if (tokenBucketBytesPerSecond != 0) {
                g.writeNumberField("TokenBucketBytesPerSecond", tokenBucketBytesPerSecond);
            }
            if (tokenBucketBytesBurst != 0) {
                g.writeNumberField("TokenBucketBytesBurst", tokenBucketBytesBurst);
            }
        });
    }

    public static ServerInfo fromJson(byte[] json) {
        JsonNode node = InfoJson.read(json, "ServerInfo");
        return new ServerInfo(
                InfoJson.field(node, "version").map(JsonNode::asInt).orElse(0),
                InfoJson.field(node, "TokenBucketBytesPerSecond").map(JsonNode::asLong).orElse(0L),
                InfoJson.field(node, "TokenBucketBytesBurst").map(JsonNode::asLong).orElse(0L));
    }
}
