package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An entry of {@code grants}. {@code app} maps capability names to their JSON values as written;
 * {@code via} names the tags of routers that traffic to the destinations must pass through.
 */
public record Grant(List<Alias> sources, List<Alias> destinations, List<ProtocolPorts> ip,
                    Map<String, List<JsonNode>> app, List<Alias.Tag> via) {

    public Grant {
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        ip = List.copyOf(ip);
        app = Map.copyOf(app);
        via = List.copyOf(via);
    }

    /** An ACL rule is a grant with the rule's destinations' ports as its {@code ip} list. */
    public static List<Grant> fromAcl(AclRule rule) {
        return rule.destinations().stream()
                .map(d -> new Grant(rule.sources(), List.of(d.alias()),
                        List.of(new ProtocolPorts(rule.protocol(), d.ports())), Map.of(), List.of()))
                .toList();
    }
}
