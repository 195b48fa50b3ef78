package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.UnifiedDiff;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.access.AccessRow;
import dev.chronoscale.netmap.inventory.Tailnet;

import java.util.List;
import java.util.Optional;

/**
 * Access gained and lost through each policy change of a period: who changed the policy, when and why, the diff, and
 * the rows (source, destination node, ports) the change opened and closed on the tailnet as it was at that moment.
 */
final class AccessChangesReport {

    private final ReportSources sources;

    AccessChangesReport(ReportSources sources) {
        this.sources = sources;
    }

    Report build(ReportHeader header) {
        PolicyHistory history = PolicyHistory.read(sources.log());
        List<PolicyHistory.Version> changes = history.setBetween(header.from().orElseThrow(), header.to());
        TableBuilder versions = new TableBuilder("policy-changes", "Policy changes",
                "Each version put in force in the period, with who set it and why, and how much access it opened and closed.",
                "Version", "Time", "Actor", "Reason", "Previous version", "SHA-256", "Rows gained", "Rows lost");
        TableBuilder gained = access("access-gained", "Access gained", "Rows a policy change opened.");
        TableBuilder lost = access("access-lost", "Access lost", "Rows a policy change closed.");
        TableBuilder diffs = new TableBuilder("policy-diffs", "Policy diffs",
                "Each change as a unified diff of the policy's text.", "Version", "Diff");
        long gainedTotal = 0;
        long lostTotal = 0;
        for (PolicyHistory.Version version : changes) {
            Optional<PolicyHistory.Version> previous = history.before(version);
            NetmapAt then = sources.history().netmapAt(version.time());
            Tailnet tailnet = then.netmap().tailnet();
            List<AccessRow> before = previous.map(p -> sources.access().rows(p.policy().orElseThrow(), p.text(), tailnet))
                    .orElseGet(() -> sources.access().rows(AccessMatrix.allowAll(), AccessMatrix.ALLOW_ALL, tailnet));
            List<AccessRow> after = sources.access().rows(version.policy().orElseThrow(), version.text(), tailnet);
            AccessChange change = AccessChange.between(before, after);
            versions.row(version.label(), version.time(), version.actor(), version.reason(),
                    previous.map(PolicyHistory.Version::label).orElse("none (allow all)"), version.sha256(),
                    change.gained().size(), change.lost().size());
            change.gained().forEach(row -> accessRow(gained, version, row));
            change.lost().forEach(row -> accessRow(lost, version, row));
            gainedTotal += change.gained().size();
            lostTotal += change.lost().size();
            diffs.row(version.label(), UnifiedDiff.of(previous.map(PolicyHistory.Version::text).orElse(""), version.text(),
                    previous.map(PolicyHistory.Version::label).orElse("none"), version.label()));
        }
        List<Report.Figure> summary = List.of(
                new Report.Figure("Policy changes", String.valueOf(changes.size())),
                new Report.Figure("Authors", String.valueOf(changes.stream().map(PolicyHistory.Version::actor).distinct().count())),
                new Report.Figure("Access rows gained", String.valueOf(gainedTotal)),
                new Report.Figure("Access rows lost", String.valueOf(lostTotal)),
                new Report.Figure("Policy in force at the end",
                        history.inForceAt(header.to()).map(PolicyHistory.Version::label).orElse("none (allow all)")));
        return new Report(header, summary, List.of(versions.build(), gained.build(), lost.build(), diffs.build()));
    }

    private static TableBuilder access(String name, String title, String description) {
        return new TableBuilder(name, title, description, "Version", "Time", "Source", "Destination id", "Destination",
                "Protocol", "Ports", "Rule");
    }

    private static void accessRow(TableBuilder table, PolicyHistory.Version version, AccessRow row) {
        table.row(version.label(), version.time(), row.source(), row.destinationId(), row.destination(), row.protocol(),
                row.ports(), row.rule());
    }
}
