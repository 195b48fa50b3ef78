package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every administrative action of a period (by an API key, the local CLI or an OIDC login) and every action the
 * server took on its own (expiry, configuration), by actor. Refused attempts (a bad API key, a refused command)
 * change nothing and are not events in this version, so they are not listed: the report says so.
 */
final class AdminActivityReport {

    static final List<String> ADMINISTRATORS = List.of("API_KEY", "LOCAL_CLI", "OIDC");

    private final ReportSources sources;

    AdminActivityReport(ReportSources sources) {
        this.sources = sources;
    }

    Report build(ReportHeader header) {
        Instant from = header.from().orElseThrow();
        Instant to = header.to();
        TableBuilder actions = new TableBuilder("admin-actions", "Administrative actions",
                "Every change made by an administrator in the period, in the order they happened.",
                "Time", "Actor type", "Actor", "Via", "From address", "Action", "Target", "Target id", "Target name",
                "Reason", "Audit position");
        Map<String, long[]> perActor = new TreeMap<>();
        TableBuilder system = new TableBuilder("system-actions", "Actions of the server itself",
                "Changes the server made on its own in the period (key expiry, start-up configuration), with its reason.",
                "Time", "Action", "Target", "Target id", "Target name", "Reason", "Audit position");
        List<String> actorTypes = new ArrayList<>(ADMINISTRATORS);
        actorTypes.add("SYSTEM");
        sources.trail().scan(Optional.of(from), to, List.of(), actorTypes, record -> {
            if (record.actorType().equals("SYSTEM")) {
                system.row(record.time(), record.action(), record.targetType(), record.targetId(), record.targetName(),
                        record.reason(), record.position());
                return;
            }
            actions.row(record.time(), record.actorType(), record.actorId(), record.via(), record.address(), record.action(),
                    record.targetType(), record.targetId(), record.targetName(), record.reason(), record.position());
            perActor.computeIfAbsent(record.actorType() + " " + record.actorId(), a -> new long[1])[0]++;
        });
        TableBuilder actors = new TableBuilder("actors", "Actions per administrator", "", "Actor", "Actions");
        perActor.forEach((actor, count) -> actors.row(actor, count[0]));
        List<Report.Figure> summary = List.of(
                new Report.Figure("Administrative actions", String.valueOf(actions.size())),
                new Report.Figure("Administrators who acted", String.valueOf(perActor.size())),
                new Report.Figure("Actions of the server itself", String.valueOf(system.size())),
                new Report.Figure("Refused attempts", "not recorded by this version (a refused request changes nothing "
                        + "and is answered with an error, not stored)"));
        return new Report(header, summary, List.of(actors.build(), actions.build(), system.build()));
    }
}
