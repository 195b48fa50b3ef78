package dev.chronoscale.tools.conformance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.HuJsonParser;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One capture file of the conformance corpus: the policy as submitted, the tailnet it was applied to, and
 * per node what Tailscale's control plane sent (or the fact that it rejected the policy).
 */
record CaptureCase(String id, Path file, boolean rejected, String rejection, String policyText,
                   Set<String> tailnetDomains, Tailnet tailnet, Map<String, Long> nodeIds,
                   Map<String, JsonNode> captures) {

    static CaptureCase read(Path file) throws IOException, InvalidPolicyException {
        JsonNode root = readRelevantParts(file);
        String id = root.path("test_id").asText(file.getFileName().toString());
        JsonNode input = root.path("input");
        boolean rejected = root.path("error").asBoolean(false);
        String rejection = input.path("api_response_body").path("message").asText("");
        JsonNode policy = input.path("full_policy");
        String policyText = policy.isTextual() ? policy.asText() : policy.toString();

        Set<String> domains = new HashSet<>();
        String owner = root.path("tailnet").asText("");
        if (owner.contains("@")) {
            domains.add(owner.substring(owner.indexOf('@') + 1));
        }

        JsonNode captures = root.path("captures");
        List<TailnetUser> users = new ArrayList<>();
        Map<String, Long> userIds = new HashMap<>();
        for (JsonNode user : root.path("topology").path("users")) {
            TailnetUser u = new TailnetUser(user.path("id").asLong(), user.path("name").asText(), user.path("email").asText());
            users.add(u);
            userIds.put(u.name(), u.id());
        }
        List<TailnetNode> nodes = new ArrayList<>();
        Map<String, Long> nodeIds = new LinkedHashMap<>();
        long sequence = 1;
        var fields = root.path("topology").path("nodes").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            JsonNode self = captures.path(name).path("netmap").path("SelfNode");
            long nodeId = self.has("ID") ? self.get("ID").asLong() : sequence;
            Instant registered = self.has("Created") ? Instant.parse(self.get("Created").asText())
                    : Instant.EPOCH.plusSeconds(sequence);
            sequence++;
            Set<String> tags = new HashSet<>();
            node.path("tags").forEach(t -> tags.add(t.asText()));
            Optional<Long> user = node.hasNonNull("user") ? Optional.ofNullable(userIds.get(node.get("user").asText()))
                    : Optional.empty();
            nodes.add(new TailnetNode(nodeId, name, user, tags, IpAddress.parse(node.path("ipv4").asText()),
                    IpAddress.parse(node.path("ipv6").asText()), prefixes(node.path("routable_ips")),
                    prefixes(node.path("approved_routes")), registered));
            nodeIds.put(name, nodeId);
        }
        Map<String, JsonNode> perNode = new LinkedHashMap<>();
        captures.fields().forEachRemaining(e -> perNode.put(e.getKey(), e.getValue()));
        return new CaptureCase(id, file, rejected, rejection, policyText, domains, new Tailnet(users, nodes), nodeIds,
                perNode);
    }

    /** The netmap parts compared by the corpus README; the rest (DERP map, DNS, keys...) is skipped unread. */
    private static final java.util.Set<String> NETMAP_FIELDS = java.util.Set.of("SelfNode", "Peers");
    private static final java.util.Set<String> NODE_FIELDS = java.util.Set.of("packet_filter_rules", "ssh_rules");

    /**
     * Capture files are large (the whole corpus is ~200 MB), mostly netmap detail that conformance does not
     * compare. Stream through them and keep only the parts that matter.
     */
    private static JsonNode readRelevantParts(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        try (JsonParser parser = new HuJsonParser().streamingParser(Files.readAllBytes(file))) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, file);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!field.equals("captures")) {
                    root.set(field, mapper.readTree(parser));
                    continue;
                }
                ObjectNode captures = root.putObject("captures");
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    ObjectNode node = captures.putObject(parser.currentName());
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if (NODE_FIELDS.contains(name)) {
                            node.set(name, mapper.readTree(parser));
                        } else if (name.equals("netmap") && parser.currentToken() == JsonToken.START_OBJECT) {
                            ObjectNode netmap = node.putObject("netmap");
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String part = parser.currentName();
                                parser.nextToken();
                                if (NETMAP_FIELDS.contains(part)) {
                                    netmap.set(part, mapper.readTree(parser));
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }
        return root;
    }

    private static void expect(boolean condition, Path file) throws IOException {
        if (!condition) {
            throw new IOException(file + ": not a capture document");
        }
    }

    private static List<IpPrefix> prefixes(JsonNode list) {
        List<IpPrefix> out = new ArrayList<>();
        list.forEach(p -> out.add(IpPrefix.parse(p.asText())));
        return out;
    }
}
