package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What a complete map shows, without what changes by the second: the node, its peers as it sees them, filter, SSH, DNS. */
final class MapParts {

    private MapParts() {
    }

    static JsonNode of(JsonNode map) {
        ObjectNode shown = ProtocolNode.JSON.createObjectNode();
        shown.set("Node", parts(map.get("Node")));
        ArrayNode peers = shown.putArray("Peers");
        map.path("Peers").forEach(peer -> peers.add(parts(peer)));
        for (String field : List.of("PacketFilters", "PacketFilter", "SSHPolicy", "DNSConfig", "Domain", "UserProfiles")) {
            if (map.has(field)) {
                shown.set(field, map.get(field));
            }
        }
        return shown;
    }

    private static ObjectNode parts(JsonNode node) {
        ObjectNode kept = ProtocolNode.JSON.createObjectNode();
        for (String field : List.of("ID", "Name", "User", "Key", "Addresses", "AllowedIPs", "PrimaryRoutes", "Tags")) {
            if (node.has(field)) {
                kept.set(field, node.get(field));
            }
        }
        return kept;
    }
}
