package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.history.UnifiedDiff;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.access.AccessRow;
import dev.chronoscale.netmap.inventory.Tailnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Access gained and lost through each policy change of a period: who changed the policy, when and why, the diff, and
 * what the change opened and closed on the tailnet as it was at that moment, one row per source, rule and ports with
 * the destination nodes it concerns. Each change is computed on its own (two at a time), as the tailnet of each
 * moment is its own.
 */
final class AccessChangesReport {

    private static final int PARALLEL = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private final ReportSources sources;

    AccessChangesReport(ReportSources sources) {
        this.sources = sources;
    }

    private record Computed(PolicyHistory.Version version, Optional<PolicyHistory.Version> previous, AccessChange change) {
    }

    Report build(ReportHeader header) {
        PolicyHistory history = PolicyHistory.read(sources.log());
        List<PolicyHistory.Version> changes = history.setBetween(header.from().orElseThrow(), header.to());
        TableBuilder versions = new TableBuilder("policy-changes", "Policy changes",
                "Each version put in force in the period, with who set it and why, and how much access it opened and closed "
                        + "(rows: a source, a destination node, ports).",
                "Version", "Time", "Actor", "Reason", "Previous version", "SHA-256", "Rows gained", "Rows lost");
        TableBuilder gained = access("access-gained", "Access gained", "What a policy change opened.");
        TableBuilder lost = access("access-lost", "Access lost", "What a policy change closed.");
        TableBuilder diffs = new TableBuilder("policy-diffs", "Policy diffs",
                "Each change as a unified diff of the policy's text.", "Version", "Diff");
        long gainedTotal = 0;
        long lostTotal = 0;
        for (Computed computed : compute(history, changes)) {
            PolicyHistory.Version version = computed.version();
            Optional<PolicyHistory.Version> previous = computed.previous();
            AccessChange change = computed.change();
            versions.row(version.label(), version.time(), version.actor(), version.reason(),
                    previous.map(PolicyHistory.Version::label).orElse("none (allow all)"), version.sha256(),
                    change.gained().size(), change.lost().size());
            grouped(gained, version, change.gained());
            grouped(lost, version, change.lost());
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

    private List<Computed> compute(PolicyHistory history, List<PolicyHistory.Version> changes) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL,
                Thread.ofPlatform().daemon().name("report-access-changes").factory());
        try {
            List<Future<Computed>> futures = new ArrayList<>();
            for (PolicyHistory.Version version : changes) {
                futures.add(pool.submit(() -> compute(history, version)));
            }
            List<Computed> out = new ArrayList<>();
            for (Future<Computed> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the access changes", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The change one version made, on the tailnet as it was when it was set. */
    private Computed compute(PolicyHistory history, PolicyHistory.Version version) {
        Optional<PolicyHistory.Version> previous = history.before(version);
        Tailnet tailnet = sources.history().netmapAt(version.time()).netmap().tailnet();
        Policy before = previous.map(p -> p.policy().orElseThrow()).orElseGet(AccessMatrix::allowAll);
        String beforeText = previous.map(PolicyHistory.Version::text).orElse(AccessMatrix.ALLOW_ALL);
        return new Computed(version, previous,
                sources.access().change(before, beforeText, version.policy().orElseThrow(), version.text(), tailnet));
    }

    private static TableBuilder access(String name, String title, String description) {
        return new TableBuilder(name, title, description + " One row per source, rule and ports, with the destination nodes.",
                "Version", "Time", "Source", "Protocol", "Ports", "Rule", "Destination nodes", "Destinations");
    }

    /** The rows of one change by source, rule, protocol and ports, with the destination nodes each concerns. */
    private static void grouped(TableBuilder table, PolicyHistory.Version version, List<AccessRow> rows) {
        record Group(String source, String rule, String protocol, String ports) {
        }
        Map<Group, TreeSet<String>> groups = new LinkedHashMap<>();
        for (AccessRow row : rows) {
            groups.computeIfAbsent(new Group(row.source(), row.rule(), row.protocol(), row.ports()), g -> new TreeSet<>())
                    .add(row.destination());
        }
        groups.forEach((group, destinations) -> table.row(version.label(), version.time(), group.source(), group.protocol(),
                group.ports(), group.rule(), destinations.size(), AccessReviewReport.destinations(destinations)));
    }
}
