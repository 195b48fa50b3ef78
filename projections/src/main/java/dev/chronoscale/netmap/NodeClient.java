package dev.chronoscale.netmap;

import java.util.List;

/**
 * What a node says it runs (from its Hostinfo): operating system and version, Tailscale client version,
 * device model, SSH host keys. Empty texts where the node has not said.
 */
public record NodeClient(String os, String osVersion, String clientVersion, String deviceModel,
                         List<String> sshHostKeys) {

    public static final NodeClient UNKNOWN = new NodeClient("", "", "", "", List.of());

    public NodeClient {
        sshHostKeys = List.copyOf(sshHostKeys);
    }
}
