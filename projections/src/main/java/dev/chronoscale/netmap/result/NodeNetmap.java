package dev.chronoscale.netmap.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.SshPolicy;
import dev.chronoscale.tailcfg.SshPolicyRule;
import java.util.List;
import java.util.Map;

/**
 * Everything the policy decides for one node: its packet filter, its peers (in ID order), its SSH policy and
 * capabilities, under the names these parts have in a MapResponse. The peers are a {@link PeerList}, so netmaps
 * derived from one another share most of them.
 */
public record NodeNetmap(@JsonProperty("NodeID") long nodeId,
                         @JsonProperty("PacketFilter") List<FilterRule> packetFilter,
                         @JsonProperty("Peers") List<PeerView> peers,
                         @JsonIgnore List<SshPolicyRule> sshRules,
                         @JsonProperty("CapMap") Map<String, List<JsonNode>> capMap) {

    public NodeNetmap {
        packetFilter = List.copyOf(packetFilter);
        peers = PeerList.of(peers);
        sshRules = List.copyOf(sshRules);
    }

    @JsonProperty("SSHPolicy")
    public SshPolicy sshPolicy() {
        return new SshPolicy(sshRules);
    }
}
