package dev.chronoscale.netmap;

import dev.chronoscale.domain.node.PeerService;

import java.util.List;
import java.util.Objects;

/**
 * What a node says it runs (from its Hostinfo): operating system and version, Tailscale client version,
 * device model, SSH host keys, the peer API services it offers. Empty texts (and no keys or services) where the node
 * has not said: nulls become those.
 */
public record NodeClient(String os, String osVersion, String clientVersion, String deviceModel,
                         List<String> sshHostKeys, List<PeerService> peerServices) {

    public static final NodeClient UNKNOWN = new NodeClient("", "", "", "", List.of(), List.of());

    public NodeClient {
        os = Objects.requireNonNullElse(os, "");
        osVersion = Objects.requireNonNullElse(osVersion, "");
        clientVersion = Objects.requireNonNullElse(clientVersion, "");
        deviceModel = Objects.requireNonNullElse(deviceModel, "");
        sshHostKeys = sshHostKeys == null ? List.of() : sshHostKeys.stream().filter(Objects::nonNull).toList();
        peerServices = peerServices == null ? List.of() : peerServices.stream().filter(Objects::nonNull).toList();
    }
}
