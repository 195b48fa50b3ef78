package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.history.InventoryAt;
import dev.chronoscale.history.TailnetAt;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.UserView;
import dev.chronoscale.netmap.NodeClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The devices at an instant: owner, addresses, OS and client version (the last report the client made, as the netmap
 * held it), when each was last seen (a map stream of it last opened or closed), and which are dormant (not connected for the threshold's days) or expired; then the devices deleted and
 * expired during the period before the instant.
 */
final class DevicesReport {

    private final ReportSources sources;

    DevicesReport(ReportSources sources) {
        this.sources = sources;
    }

    Report build(ReportHeader header) {
        Instant at = header.to();
        Instant from = header.from().orElseThrow();
        int dormantDays = sources.thresholds().dormantDays();
        try (TailnetAt tailnet = sources.history().tailnetAt(at)) {
            InventoryAt inventory = tailnet.inventory();
            Map<Long, NodeClient> clients = tailnet.netmap().netmap().read(view -> {
                Map<Long, NodeClient> out = new HashMap<>();
                view.nodes().forEach(node -> out.put(node.id(), node.client()));
                return out;
            });
            InventoryQueries queries = inventory.queries();
            Map<Long, String> users = queries.users().stream().collect(Collectors.toMap(UserView::id, UserView::name));

            record Device(NodeView node, boolean online, Optional<Instant> lastSeen, List<String> state) {
            }
            List<Device> devices = new ArrayList<>();
            for (NodeView node : queries.nodes()) {
                boolean online = inventory.wasConnected(node.id());
                Optional<Instant> lastSeen = online ? Optional.of(at) : inventory.lastSeen(node.id());
                List<String> state = new ArrayList<>();
                if (node.expiry().filter(e -> !e.isAfter(at)).isPresent()) {
                    state.add("expired");
                }
                Instant activeSince = lastSeen.orElse(node.createdAt());
                if (!online && Durations.days(activeSince, at) >= dormantDays) {
                    state.add(lastSeen.isPresent() ? "dormant" : "dormant (never connected)");
                }
                devices.add(new Device(node, online, lastSeen, state));
            }
            devices.sort(Comparator.comparing((Device d) -> d.state().isEmpty()).thenComparing(d -> d.node().id()));
            TableBuilder table = new TableBuilder("devices", "Devices",
                    "Every node that existed at the instant. OS and client version are the node's last report; a dormant "
                            + "device has not been connected for " + dormantDays + " days. Flagged devices come first.",
                    "Node id", "Node", "Hostname", "Owner", "Addresses", "OS", "Client version", "Registered", "Last seen",
                    "Key expiry", "State");
            for (Device device : devices) {
                NodeView node = device.node();
                NodeClient client = clients.getOrDefault(node.id(), NodeClient.UNKNOWN);
                List<String> addresses = new ArrayList<>();
                node.ipv4().ifPresent(addresses::add);
                node.ipv6().ifPresent(addresses::add);
                table.row(node.id(), node.givenName(), node.hostname(), KeysReport.owner(node, users), addresses,
                        os(client), client.clientVersion(), node.createdAt(),
                        device.online() ? "online" : device.lastSeen().map(Instant::toString).orElse("never"),
                        node.expiry().map(Instant::toString).orElse("disabled"),
                        device.state().isEmpty() ? "active" : String.join(", ", device.state()));
            }

            TableBuilder removed = new TableBuilder("deleted-and-expired", "Deleted and expired in the period",
                    "Nodes deleted or expired from " + from + " to " + at + ", with who did it and why.",
                    "Time", "Event", "Node id", "Node", "Actor", "Reason");
            sources.trail().scan(Optional.of(from), at, List.of("node.deleted", "node.expired"), List.of(), record ->
                    removed.row(record.time(), record.action().equals("node.deleted") ? "deleted" : "expired",
                            record.targetId(), record.targetName(), record.actor(), record.reason()));

            List<Report.Figure> summary = List.of(
                    new Report.Figure("Devices", String.valueOf(devices.size())),
                    new Report.Figure("Online at the instant", String.valueOf(devices.stream().filter(Device::online).count())),
                    new Report.Figure("Dormant (" + dormantDays + " days or more)",
                            String.valueOf(devices.stream().filter(d -> d.state().stream().anyMatch(s -> s.startsWith("dormant"))).count())),
                    new Report.Figure("Expired", String.valueOf(devices.stream().filter(d -> d.state().contains("expired")).count())),
                    new Report.Figure("Deleted or expired in the period", String.valueOf(removed.size())));
            return new Report(header, summary, List.of(table.build(), removed.build()));
        }
    }

    private static String os(NodeClient client) {
        String os = client.os() == null ? "" : client.os();
        String version = client.osVersion() == null ? "" : client.osVersion();
        return version.isEmpty() ? os : os + " " + version;
    }
}
