package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A hand-sized tailnet for semantic tests: two people, a web server, a database and a clinical subnet router. */
public final class SmallTailnet {

    public static final TailnetUser ALICE = new TailnetUser(1, "alice", "alice@example.com");
    public static final TailnetUser BOB = new TailnetUser(2, "bob", "bob@example.com");

    public static final TailnetNode ALICE_LAPTOP = node(1, "alice-laptop", Optional.of(1L), Set.of(), "100.64.0.1", List.of());
    public static final TailnetNode ALICE_PHONE = node(2, "alice-phone", Optional.of(1L), Set.of(), "100.64.0.2", List.of());
    public static final TailnetNode BOB_LAPTOP = node(3, "bob-laptop", Optional.of(2L), Set.of(), "100.64.0.3", List.of());
    public static final TailnetNode WEB = node(4, "web", Optional.of(1L), Set.of("tag:web"), "100.64.0.4", List.of());
    public static final TailnetNode DB = node(5, "db", Optional.empty(), Set.of("tag:db"), "100.64.0.5", List.of());
    public static final TailnetNode ROUTER = node(6, "router", Optional.empty(), Set.of("tag:router"), "100.64.0.6",
            List.of(IpPrefix.parse("10.20.0.0/16")));

    public static final String HEADER = """
            "groups": {"group:eng": ["alice@example.com"], "group:oncall": ["bob@example.com"]},
            "tagOwners": {"tag:web": ["group:eng"], "tag:db": ["group:eng"], "tag:router": ["group:eng"]},
            "hosts": {"clinical": "10.20.0.0/16"},
            """;

    private SmallTailnet() {
    }

    public static Tailnet tailnet() {
        return new Tailnet(List.of(ALICE, BOB), List.of(ALICE_LAPTOP, ALICE_PHONE, BOB_LAPTOP, WEB, DB, ROUTER));
    }

    public static TailnetNode node(long id, String name, Optional<Long> user, Set<String> tags, String ipv4, List<IpPrefix> routes) {
        return new TailnetNode(id, name, user, tags, IpAddress.parse(ipv4),
                IpAddress.parse("fd7a:115c:a1e0::" + Long.toHexString(id)), routes, routes, Instant.ofEpochSecond(id));
    }
}
