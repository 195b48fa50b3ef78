package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.compliance.trail.TrailRecord;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.netmap.compile.RouteAutoApproval;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Subnet routes and exit nodes over a period: each route a node advertised or withdrew, and each approval or
 * withdrawal of approval, with who did it; then the routes as they stood at the period's end, with whether each was
 * approved by an administrator or by the policy's {@code autoApprovers}.
 */
final class RoutesReport {

    private final ReportSources sources;

    RoutesReport(ReportSources sources) {
        this.sources = sources;
    }

    Report build(ReportHeader header) {
        Instant from = header.from().orElseThrow();
        Instant to = header.to();
        TableBuilder changes = new TableBuilder("route-changes", "Route changes in the period",
                "Advertised and withdrawn are the node's own reports; approved and unapproved are an administrator's (or "
                        + "the system's) decisions. Approvals made by autoApprovers are not events: see the routes at the end.",
                "Time", "Node id", "Node", "Change", "Routes", "Exit node", "Actor", "Reason");
        int[] counts = new int[4];
        sources.trail().scan(Optional.of(from), to, List.of("route.advertised", "route.approved"), List.of(), record -> {
            boolean approval = record.action().equals("route.approved");
            String field = approval ? "approvedRoutes" : "advertisedRoutes";
            List<String> before = TrailRecord.strings(record.changeOld(field));
            List<String> after = TrailRecord.strings(record.changeNew(field));
            List<String> added = after.stream().filter(r -> !before.contains(r)).toList();
            List<String> removed = before.stream().filter(r -> !after.contains(r)).toList();
            if (!added.isEmpty()) {
                counts[approval ? 2 : 0]++;
                changes.row(record.time(), record.targetId(), record.targetName(), approval ? "approved" : "advertised",
                        added, exitNode(added), record.actor(), record.reason());
            }
            if (!removed.isEmpty()) {
                counts[approval ? 3 : 1]++;
                changes.row(record.time(), record.targetId(), record.targetName(), approval ? "unapproved" : "withdrawn",
                        removed, exitNode(removed), record.actor(), record.reason());
            }
        });

        NetmapAt end = sources.history().netmapAt(to);
        Tailnet tailnet = end.netmap().tailnet();
        Optional<Policy> policy = end.netmap().policy();
        Map<Long, TailnetUser> users = tailnet.users().stream().collect(Collectors.toMap(TailnetUser::id, Function.identity()));
        Map<Long, String> userNames = tailnet.users().stream().collect(Collectors.toMap(TailnetUser::id, TailnetUser::name));
        TableBuilder routes = new TableBuilder("routes-at-end", "Routes at the end of the period",
                "Every route a node advertised at " + to + ": approved by an administrator, by the policy's autoApprovers, "
                        + "or not approved (not served).",
                "Node id", "Node", "Owner", "Route", "Exit node", "Approval");
        int served = 0;
        int autoApproved = 0;
        List<TailnetNode> nodes = new ArrayList<>(tailnet.nodes());
        nodes.sort(Comparator.comparingLong(TailnetNode::id));
        for (TailnetNode node : nodes) {
            if (node.advertisedRoutes().isEmpty()) {
                continue;
            }
            Set<IpPrefix> manual = new LinkedHashSet<>(node.approvedRoutes());
            Set<IpPrefix> compiled = new LinkedHashSet<>(policy.map(p -> RouteAutoApproval.apply(p, node, users))
                    .orElse(node).approvedRoutes());
            String owner = node.isTagged() ? String.join(", ", node.tags().stream().sorted().toList())
                    : node.userId().map(id -> userNames.getOrDefault(id, "user " + id)).orElse("");
            for (IpPrefix route : node.advertisedRoutes()) {
                String approval;
                if (manual.contains(route)) {
                    approval = "administrator";
                    served++;
                } else if (compiled.contains(route)) {
                    approval = "autoApprovers";
                    served++;
                    autoApproved++;
                } else {
                    approval = "not approved";
                }
                routes.row(node.id(), node.name(), owner, route, yesNo(route.isDefaultRoute()), approval);
            }
        }
        List<Report.Figure> summary = List.of(
                new Report.Figure("Routes advertised in the period", String.valueOf(counts[0])),
                new Report.Figure("Routes withdrawn in the period", String.valueOf(counts[1])),
                new Report.Figure("Approvals by administrators in the period", String.valueOf(counts[2])),
                new Report.Figure("Approvals withdrawn in the period", String.valueOf(counts[3])),
                new Report.Figure("Routes served at the end", String.valueOf(served)),
                new Report.Figure("of which approved by autoApprovers", String.valueOf(autoApproved)),
                new Report.Figure("Routes advertised but not approved at the end", String.valueOf(routes.size() - served)));
        return new Report(header, summary, List.of(changes.build(), routes.build()));
    }

    private static String exitNode(List<String> routes) {
        return yesNo(routes.stream().anyMatch(r -> r.equals("0.0.0.0/0") || r.equals("::/0")));
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
