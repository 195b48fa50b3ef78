package dev.chronoscale.tools.historygen;

import java.util.List;

/** What the simulation remembers of a live node to write its next events as its aggregate would. */
final class SimulatedNode {

    enum Kind { DEVICE, SERVICE, ROUTER }

    final long id;
    final Kind kind;
    final String machineKey;
    final String hostname;
    final Long userId;
    final String ipv4;
    final String ipv6;
    String nodeKey;
    String givenName;
    List<String> tags;
    List<String> advertisedRoutes = List.of();
    List<String> approvedRoutes = List.of();
    int clientMinor;
    boolean connected;

    SimulatedNode(long id, Kind kind, String machineKey, String nodeKey, String hostname, String givenName, Long userId,
                  List<String> tags, String ipv4, String ipv6) {
        this.id = id;
        this.kind = kind;
        this.machineKey = machineKey;
        this.nodeKey = nodeKey;
        this.hostname = hostname;
        this.givenName = givenName;
        this.userId = userId;
        this.tags = tags;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }
}
