package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * tailcfg.SSHAction. A check action holds the session and delegates the decision to the control server, which answers
 * with another action: accept, reject, or a new hold to follow; {@code message} is shown to the SSH user.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record SshRuleAction(@JsonProperty("accept") boolean accept,
                            @JsonProperty("holdAndDelegate") String holdAndDelegate,
                            @JsonProperty("allowAgentForwarding") boolean allowAgentForwarding,
                            @JsonProperty("allowLocalPortForwarding") boolean allowLocalPortForwarding,
                            @JsonProperty("allowRemotePortForwarding") boolean allowRemotePortForwarding,
                            @JsonProperty("message") String message,
                            @JsonProperty("reject") boolean reject) {

    public static final SshRuleAction ACCEPT = new SshRuleAction(true, null, true, true, true, null, false);

    /** The session is turned away; the client shows {@code message}. */
    public static SshRuleAction reject(String message) {
        return new SshRuleAction(false, null, false, false, false, message, true);
    }

    /** Keep holding: the client shows {@code message} (when not null) and then asks {@code url}. */
    public static SshRuleAction holdAndDelegate(String url, String message) {
        return new SshRuleAction(false, url, false, false, false, message, false);
    }

    /** The client replaces the {@code $...} placeholders before calling back. */
    public static SshRuleAction check(String serverUrl) {
        return holdAndDelegate(serverUrl + "/machine/ssh/action/$SRC_NODE_ID/to/$DST_NODE_ID?local_user=$LOCAL_USER", null);
    }

    /** Not a wire field: Tailscale's SSHAction has none by this name. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isCheck() {
        return holdAndDelegate != null;
    }
}
