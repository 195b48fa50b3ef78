package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * tailcfg.SSHRule. {@code sshUsers} maps the requested user to the local user: {@code "*": "="} lets any
 * non-root user through as themselves, and {@code "root": ""} explicitly refuses root.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SshPolicyRule(@JsonProperty("principals") List<SshPrincipal> principals,
                            @JsonProperty("sshUsers") Map<String, String> sshUsers,
                            @JsonProperty("action") SshRuleAction action,
                            @JsonProperty("acceptEnv") List<String> acceptEnv) {

    public SshPolicyRule {
        principals = List.copyOf(principals);
        sshUsers = Map.copyOf(sshUsers);
        acceptEnv = List.copyOf(acceptEnv);
    }
}
