package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A large, regular tailnet and a matching policy, for measuring the compiler: teams (groups) of users reach
 * tagged services on specific ports, some teams reach subnets behind routers, everyone reaches their own
 * devices, and on-call teams may SSH to services.
 */
final class SyntheticTailnet {

    static final int USERS = 1000;
    static final int DEVICES_PER_USER = 8;
    static final int SERVICE_TAGS = 50;
    static final int TAGGED_NODES = 1950;
    static final int ROUTERS = 50;
    static final int GROUPS = 100;

    private SyntheticTailnet() {
    }

    static Tailnet tailnet() {
        List<TailnetUser> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(new TailnetUser(u + 1, "user" + u, "user" + u + "@example.com"));
        }
        List<TailnetNode> nodes = new ArrayList<>();
        long id = 1;
        for (int u = 0; u < USERS; u++) {
            for (int d = 0; d < DEVICES_PER_USER; d++) {
                nodes.add(node(id++, "u" + u + "-d" + d, Optional.of((long) u + 1), Set.of(), List.of()));
            }
        }
        for (int t = 0; t < TAGGED_NODES; t++) {
            nodes.add(node(id++, "svc" + t, Optional.empty(), Set.of("tag:svc-" + (t % SERVICE_TAGS)), List.of()));
        }
        for (int r = 0; r < ROUTERS; r++) {
            // Pairs of routers serve the same subnet (high availability).
            IpPrefix route = IpPrefix.parse("10." + (r / 2) + ".0.0/16");
            nodes.add(node(id++, "router" + r, Optional.empty(), Set.of("tag:router"), List.of(route)));
        }
        return new Tailnet(users, nodes);
    }

    static TailnetNode node(long id, String name, Optional<Long> user, Set<String> tags, List<IpPrefix> routes) {
        long index = id - 1;
        IpAddress v4 = IpAddress.v4((100L << 24) | (64L << 16) + index + 1);
        IpAddress v6 = IpAddress.parse("fd7a:115c:a1e0::" + Long.toHexString(index + 1));
        return new TailnetNode(id, name, user, tags, v4, v6, routes, routes, Instant.ofEpochSecond(1_700_000_000L + id));
    }

    /** 500 access rules (acls and grants) plus SSH rules, as HuJSON. */
    static String policy() {
        StringBuilder groups = new StringBuilder();
        for (int g = 0; g < GROUPS; g++) {
            groups.append(g == 0 ? "" : ",\n").append("    \"group:team-").append(g).append("\": [");
            for (int m = 0; m < USERS / GROUPS; m++) {
                groups.append(m == 0 ? "" : ", ").append('"').append("user").append(g * (USERS / GROUPS) + m)
                        .append("@example.com\"");
            }
            groups.append(']');
        }
        StringBuilder tagOwners = new StringBuilder("    \"tag:router\": [\"group:team-0\"]");
        for (int t = 0; t < SERVICE_TAGS; t++) {
            tagOwners.append(",\n    \"tag:svc-").append(t).append("\": [\"group:team-0\"]");
        }
        List<String> acls = new ArrayList<>();
        int[] ports = {22, 443, 5432, 8080};
        for (int i = 0; i < 400; i++) {
            acls.add("{\"action\": \"accept\", \"src\": [\"group:team-" + (i % GROUPS) + "\"], \"dst\": [\"tag:svc-"
                    + (i % SERVICE_TAGS) + ":" + ports[i % ports.length] + "\"]}");
        }
        for (int i = 0; i < 40; i++) {
            acls.add("{\"action\": \"accept\", \"src\": [\"user" + (i * 7) + "@example.com\"], \"dst\": [\"tag:svc-"
                    + (i % SERVICE_TAGS) + ":443,8443\"], \"proto\": \"tcp\"}");
        }
        for (int i = 0; i < 20; i++) {
            acls.add("{\"action\": \"accept\", \"src\": [\"group:team-" + (i * 3) + "\"], \"dst\": [\"10." + i
                    + ".0.0/16:*\"]}");
        }
        acls.add("{\"action\": \"accept\", \"src\": [\"autogroup:member\"], \"dst\": [\"autogroup:self:*\"]}");
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            grants.add("{\"src\": [\"tag:svc-" + i + "\"], \"dst\": [\"tag:svc-" + (i + 1) + "\"], \"ip\": [\"tcp:5432\", \"udp:53\"]}");
        }
        List<String> ssh = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ssh.add("{\"action\": \"" + (i % 2 == 0 ? "accept" : "check") + "\", \"src\": [\"group:team-" + i
                    + "\"], \"dst\": [\"tag:svc-" + i + "\"], \"users\": [\"root\", \"autogroup:nonroot\"]}");
        }
        return "{\n  // synthetic benchmark policy\n  \"groups\": {\n" + groups + "\n  },\n  \"tagOwners\": {\n" + tagOwners
                + "\n  },\n  \"acls\": [\n    " + String.join(",\n    ", acls) + ",\n  ],\n  \"grants\": [\n    "
                + String.join(",\n    ", grants) + "\n  ],\n  \"ssh\": [\n    " + String.join(",\n    ", ssh) + "\n  ]\n}\n";
    }
}
