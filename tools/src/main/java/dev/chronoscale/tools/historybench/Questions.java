package dev.chronoscale.tools.historybench;

import dev.chronoscale.gateway.map.DnsSettings;
import dev.chronoscale.gateway.map.MapSettings;
import dev.chronoscale.gateway.map.PastMaps;
import dev.chronoscale.history.InventoryAt;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.TailnetDiff;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.access.AccessQuery;
import dev.chronoscale.netmap.access.AccessRow;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.tailcfg.DerpMap;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The questions the benchmark times, each as its command asks it: the inventory at an instant ({@code --at}), one
 * node's complete map ({@code history netmap}), the access matrix for one destination node ({@code history access
 * --dst}) and what changed in the day before the instant ({@code history diff}, without the audit records that name
 * each change's events). The node of an instant is the one of the median id among those that existed then.
 */
final class Questions {

    private final TailnetHistory history;
    private final AccessMatrix access = new AccessMatrix(new NetmapCompiler("http://127.0.0.1:8080"));
    private final TailnetDiff diff;
    private final PastMaps maps = new PastMaps(BasePeerRule.ALLOW_ALL, new MapSettings("tail.example",
            DnsSettings.of(true, List.of(), List.of("tail.example")), true, new DerpMap(Map.of()), MapSettings.DEFAULT_KEEP_ALIVE, MapSettings.DEFAULT_RECONNECT_GRACE,
            Duration.ofMillis(250)));

    Questions(TailnetHistory history) {
        this.history = history;
        this.diff = new TailnetDiff(history, access);
    }

    /**
     * Asks each question at each instant, untimed (the diff, which asks the others twice, at the first few only), so
     * that the timings are of a warm JVM, as a running server's are.
     */
    void warmUp(List<Instant> instants) {
        for (int i = 0; i < instants.size(); i++) {
            inventory(instants.get(i));
            nodeNetmap(instants.get(i));
            accessToOneNode(instants.get(i));
            if (i < 3) {
                dayBefore(instants.get(i));
            }
        }
    }

    /** Timed until the inventory is ready to be queried; the nodes are counted after. */
    InstantTiming.Answer inventory(Instant instant) {
        try (InventoryAt past = history.inventoryAt(instant)) {
            return new InstantTiming.Answer(past.events(), past.replayed(), past.queries().nodes().size() + " nodes");
        }
    }

    InstantTiming.Answer nodeNetmap(Instant instant) {
        NetmapAt past = history.netmapAt(instant);
        Optional<Long> node = medianNode(past);
        int bytes = node.flatMap(id -> maps.completeMap(past.netmap(), id, instant, past::wasConnected)).map(json -> json.length)
                .orElse(0);
        return new InstantTiming.Answer(past.events(), past.replayed(),
                String.format(Locale.ROOT, "node %s: %,d bytes of JSON", node.map(String::valueOf).orElse("-"), bytes));
    }

    InstantTiming.Answer accessToOneNode(Instant instant) {
        NetmapAt past = history.netmapAt(instant);
        Optional<String> name = medianNode(past).flatMap(id -> past.netmap().read(view -> view.node(id)))
                .map(NetmapNode::givenName);
        List<AccessRow> rows = name.map(dst -> access.rowsInForce(past.netmap().policy(), past.policyText(),
                past.netmap().tailnet(), new AccessQuery(Optional.empty(), Optional.of(dst), Optional.empty())))
                .orElse(List.of());
        return new InstantTiming.Answer(past.events(), past.replayed(),
                String.format(Locale.ROOT, "--dst %s: %,d rows", name.orElse("-"), rows.size()));
    }

    InstantTiming.Answer dayBefore(Instant instant) {
        TailnetDiff.Result result = diff.between(instant.minus(Duration.ofDays(1)), instant);
        return new InstantTiming.Answer(0, 0, String.format(Locale.ROOT, "%,d changes, policy %s, access +%,d -%,d rows",
                result.changes().size(), result.policyDiff().isEmpty() ? "same" : "changed", result.access().gained().size(),
                result.access().lost().size()));
    }

    private static Optional<Long> medianNode(NetmapAt past) {
        List<Long> ids = past.netmap().read(view -> view.nodes().stream().map(NetmapNode::id)
                .sorted(Comparator.naturalOrder()).toList());
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() / 2));
    }
}
