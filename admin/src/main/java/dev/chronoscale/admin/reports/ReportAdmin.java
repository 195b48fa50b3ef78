package dev.chronoscale.admin.reports;

import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.evidence.ReportSigner;
import dev.chronoscale.compliance.format.ReportFiles;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.reports.ReportGenerator;
import dev.chronoscale.compliance.reports.ReportRequest;
import dev.chronoscale.compliance.trail.AuditTrail;
import dev.chronoscale.compliance.trail.TrailRecord;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordReport;
import dev.chronoscale.gateway.command.AuditedCommandSender;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generates a report, signs it, and records the generation in the event log (who asked, for what period, the
 * digests): the generation is part of the audit trail it reports on. Lists the reports generated.
 */
public final class ReportAdmin {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ReportGenerator generator;
    private final ReportSigner signer;
    private final AuditedCommandSender sender;
    private final AuditTrail trail;
    private final Clock clock;

    public ReportAdmin(ReportGenerator generator, ReportSigner signer, AuditedCommandSender sender, AuditTrail trail,
                       Clock clock) {
        this.generator = generator;
        this.signer = signer;
        this.sender = sender;
        this.trail = trail;
        this.clock = clock;
    }

    /** A generated report: its content, the file, and the name it is offered under. */
    public record Generated(Report report, ReportFiles.Written file, ReportFormat format, String fileName) {
    }

    public Generated generate(ReportKind kind, Optional<Instant> from, Instant to, ReportFormat format, AuditContext audit,
                              Optional<String> schedule) {
        if (to.isAfter(clock.instant())) {
            throw DomainException.invalid("a report cannot cover the future: " + to + " has not happened yet");
        }
        ReportRequest request;
        try {
            request = new ReportRequest(kind, from, to);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        Report report = generator.generate(request);
        ReportFiles.Written file = ReportFiles.write(report, format, signer);
        sender.send(new RecordReport(kind.id(), report.header().from().orElse(null), to, format.id(), file.evidence().digest(),
                file.evidence().contentDigest(), report.header().chainPosition(), schedule.orElse(null)), audit, "report");
        String name = "chronoscale-" + kind.id() + "-" + report.header().from().map(f -> FILE_TIME.format(f) + "-").orElse("")
                + FILE_TIME.format(to) + "." + format.extension();
        return new Generated(report, file, format, name);
    }

    /** The reports generated after {@code since} (all when empty), oldest first, at most {@code limit}. */
    public List<TrailRecord> generated(Optional<Instant> since, int limit) {
        List<TrailRecord> out = new ArrayList<>();
        trail.scan(since, clock.instant(), List.of("report.generated"), List.of(), record -> {
            if (out.size() < limit) {
                out.add(record);
            }
        });
        return out;
    }
}
