package dev.chronoscale.tools.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.net.IpRange;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.IpProtocol;
import dev.chronoscale.netmap.compile.AddressText;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares one node's compiled netmap with what Tailscale sent, as the corpus README defines it: filter
 * rules as sets with addresses compared as parsed prefixes, visible peers with their AllowedIPs and
 * PrimaryRoutes, and SSH rules where captured. Both sides go through the same canonical form.
 */
final class NetmapComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, String> nameById = new HashMap<>();

    NetmapComparison(CaptureCase capture) {
        capture.nodeIds().forEach((name, id) -> nameById.put(id, name));
    }

    Optional<String> compare(String node, JsonNode expected, NodeNetmap actual) {
        if (expected.has("packet_filter_rules")) {
            Optional<String> difference = compareSets(node + ": packet filter",
                    canonicalRules(expected.get("packet_filter_rules")),
                    canonicalRules(JSON.valueToTree(actual.packetFilter())));
            if (difference.isPresent()) {
                return difference;
            }
        }
        JsonNode netmap = expected.path("netmap");
        if (netmap.has("Peers")) {
            Map<String, String> expectedPeers = new TreeMap<>();
            for (JsonNode peer : netmap.get("Peers")) {
                String name = nameById.getOrDefault(peer.path("ID").asLong(), peer.path("Name").asText().split("\\.")[0]);
                expectedPeers.put(name, canonicalPeer(peer.path("AllowedIPs"), peer.path("PrimaryRoutes")));
            }
            Map<String, String> actualPeers = new TreeMap<>();
            for (PeerView peer : actual.peers()) {
                actualPeers.put(peer.name(), canonicalPeer(JSON.valueToTree(peer.allowedIps()),
                        JSON.valueToTree(peer.primaryRoutes())));
            }
            Optional<String> difference = compareSets(node + ": peers", new TreeSet<>(expectedPeers.keySet()),
                    new TreeSet<>(actualPeers.keySet()));
            if (difference.isPresent()) {
                return difference;
            }
            for (String peer : expectedPeers.keySet()) {
                if (!expectedPeers.get(peer).equals(actualPeers.get(peer))) {
                    return Optional.of(node + ": peer " + peer + ": expected " + expectedPeers.get(peer) + ", got "
                            + actualPeers.get(peer));
                }
            }
        }
        if (expected.has("ssh_rules")) {
            List<String> want = canonicalSsh(expected.get("ssh_rules"));
            List<String> got = canonicalSsh(JSON.valueToTree(actual.sshRules()));
            if (!want.equals(got)) {
                Optional<String> difference = compareSets(node + ": ssh rules", new TreeSet<>(want), new TreeSet<>(got));
                return Optional.of(difference.orElse(node + ": ssh rules: same rules, different multiplicity: expected "
                        + want + ", got " + got));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compareSets(String what, TreeSet<String> expected, TreeSet<String> actual) {
        for (String item : expected) {
            if (!actual.contains(item)) {
                return Optional.of(what + ": missing " + item);
            }
        }
        for (String item : actual) {
            if (!expected.contains(item)) {
                return Optional.of(what + ": unexpected " + item);
            }
        }
        return Optional.empty();
    }

    private static TreeSet<String> canonicalRules(JsonNode rules) {
        TreeSet<String> out = new TreeSet<>();
        if (rules == null || !rules.isArray()) {
            return out;
        }
        for (JsonNode rule : rules) {
            StringBuilder text = new StringBuilder("{src=").append(addresses(rule.path("SrcIPs")));
            List<Integer> protocols = new ArrayList<>();
            rule.path("IPProto").forEach(p -> protocols.add(p.asInt()));
            if (protocols.isEmpty() && rule.has("DstPorts") && rule.get("DstPorts").size() > 0) {
                protocols.addAll(IpProtocol.DEFAULT_NUMBERS);
            }
            protocols.sort(null);
            if (!protocols.isEmpty()) {
                text.append(" proto=").append(protocols);
            }
            TreeSet<String> destinations = new TreeSet<>();
            for (JsonNode destination : rule.path("DstPorts")) {
                String ip = destination.path("IP").asText();
                String covered = ip.equals("*") ? "*" : AddressText.parse(ip).toStrings().toString();
                destinations.add(covered + ":" + destination.path("Ports").path("First").asInt() + "-"
                        + destination.path("Ports").path("Last").asInt());
            }
            if (!destinations.isEmpty()) {
                text.append(" dst=").append(destinations);
            }
            TreeSet<String> grants = new TreeSet<>();
            for (JsonNode grant : rule.path("CapGrant")) {
                grants.add(addresses(grant.path("Dsts")) + "=" + canonicalJson(grant.path("CapMap")));
            }
            if (!grants.isEmpty()) {
                text.append(" caps=").append(grants);
            }
            out.add(text.append('}').toString());
        }
        return out;
    }

    private static String addresses(JsonNode list) {
        List<IpRange> ranges = new ArrayList<>();
        boolean everything = false;
        for (JsonNode entry : list) {
            if (entry.asText().equals("*")) {
                everything = true;
            } else {
                ranges.addAll(AddressText.parse(entry.asText()).ranges());
            }
        }
        String set = IpSet.of(ranges).toStrings().toString();
        return everything ? "*" + (ranges.isEmpty() ? "" : "+" + set) : set;
    }

    private static String canonicalPeer(JsonNode allowedIps, JsonNode primaryRoutes) {
        return "AllowedIPs=" + prefixSet(allowedIps) + " PrimaryRoutes=" + prefixSet(primaryRoutes);
    }

    private static TreeSet<String> prefixSet(JsonNode list) {
        TreeSet<String> out = new TreeSet<>();
        if (list != null) {
            list.forEach(p -> out.addAll(AddressText.parse(p.asText()).toStrings()));
        }
        return out;
    }

    private static List<String> canonicalSsh(JsonNode rules) {
        List<String> out = new ArrayList<>();
        if (rules == null || !rules.isArray()) {
            return out;
        }
        for (JsonNode rule : rules) {
            List<String> principals = new ArrayList<>();
            rule.path("principals").forEach(p -> principals.add(canonicalJson(p)));
            principals.sort(null);
            JsonNode action = rule.path("action");
            String verdict = action.path("accept").asBoolean(false) ? "accept"
                    : action.hasNonNull("holdAndDelegate") ? "check" : action.path("reject").asBoolean(false) ? "reject" : "none";
            String forwarding = "agent=" + action.path("allowAgentForwarding").asBoolean(false)
                    + ",local=" + action.path("allowLocalPortForwarding").asBoolean(false)
                    + ",remote=" + action.path("allowRemotePortForwarding").asBoolean(false);
            TreeSet<String> env = new TreeSet<>();
            rule.path("acceptEnv").forEach(e -> env.add(e.asText()));
            out.add("{principals=" + principals + " users=" + canonicalJson(rule.path("sshUsers")) + " action=" + verdict
                    + "(" + forwarding + ")" + (env.isEmpty() ? "" : " acceptEnv=" + env) + "}");
        }
        out.sort(null);
        return out;
    }

    /** JSON with object keys sorted, so that equal documents print equally. */
    static String canonicalJson(JsonNode node) {
        return sortKeys(node).toString();
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sortKeys(e.getValue())));
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> array.add(sortKeys(child)));
            return array;
        }
        return node;
    }
}
