package dev.chronoscale.netmap;

import java.util.List;
import java.util.Objects;

/**
 * What a node says it runs (from its Hostinfo): operating system and version, Tailscale client version,
 * device model, SSH host keys. Empty texts (and no keys) where the node has not said: nulls become those.
 */
public record NodeClient(String os, String osVersion, String clientVersion, String deviceModel,
                         List<String> sshHostKeys) {

    public static final NodeClient UNKNOWN = new NodeClient("", "", "", "", List.of());

    public NodeClient {
        os = Objects.requireNonNullElse(os, "");
        osVersion = Objects.requireNonNullElse(osVersion, "");
        clientVersion = Objects.requireNonNullElse(clientVersion, "");
        deviceModel = Objects.requireNonNullElse(deviceModel, "");
        sshHostKeys = sshHostKeys == null ? List.of() : sshHostKeys.stream().filter(Objects::nonNull).toList();
    }
}
