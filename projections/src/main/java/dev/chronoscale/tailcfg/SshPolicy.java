package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** tailcfg.SSHPolicy: the rules in the order the client tries them (first match wins). */
public record SshPolicy(@JsonProperty("rules") List<SshPolicyRule> rules) {

    public SshPolicy {
        rules = List.copyOf(rules);
    }
}
