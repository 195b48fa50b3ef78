package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** tailcfg.SSHAction. A check action holds the session and delegates the decision to the control server. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record SshRuleAction(@JsonProperty("accept") boolean accept,
                            @JsonProperty("holdAndDelegate") String holdAndDelegate,
                            @JsonProperty("allowAgentForwarding") boolean allowAgentForwarding,
                            @JsonProperty("allowLocalPortForwarding") boolean allowLocalPortForwarding,
                            @JsonProperty("allowRemotePortForwarding") boolean allowRemotePortForwarding) {

    public static final SshRuleAction ACCEPT = new SshRuleAction(true, null, true, true, true);

    /** The client replaces the {@code $...} placeholders before calling back. */
    public static SshRuleAction check(String serverUrl) {
        return new SshRuleAction(false,
                serverUrl + "/machine/ssh/action/$SRC_NODE_ID/to/$DST_NODE_ID?local_user=$LOCAL_USER",
                false, false, false);
    }

    public boolean isCheck() {
        return holdAndDelegate != null;
    }
}
