package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.admin.reports.ReportAdmin;
import dev.chronoscale.admin.reports.ReportSchedule;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.trail.TrailRecord;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.history.TailnetHistory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/reports/{kind}} generates a report ({@code at}, or {@code from} and {@code to}; {@code format}:
 * json, csv, html or pdf) and answers the signed file, named as the CLI would save it; {@code GET /api/v1/reports} lists
 * the reports generated, {@code GET /api/v1/reports/schedules} the configured schedules.
 */
public final class ReportRoutes {

    private static final int MAX_LISTED = 10_000;

    private final ReportAdmin reports;
    private final TailnetHistory history;
    private final Clock clock;
    private final List<ReportSchedule> schedules;

    public ReportRoutes(ReportAdmin reports, TailnetHistory history, Clock clock, List<ReportSchedule> schedules) {
        this.reports = reports;
        this.history = history;
        this.clock = clock;
        this.schedules = List.copyOf(schedules);
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/reports", "The compliance reports generated (since=, limit=)", this::list),
                // Before {kind}, which would take "schedules" for a report's name.
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/reports/schedules",
                        "The scheduled reports (compliance.schedules)", this::schedules),
                PermittedRoute.needs(Permission.REPORT, HttpMethod.GET, "/api/v1/reports/{kind}",
                        "Generate a signed compliance report (" + kinds() + "; at= or from= and to=; format=json|csv|html|pdf)",
                        this::generate));
    }

    private HttpReply generate(HttpRequestContext request, Principal principal) {
        String kindName = request.pathParameter("kind");
        ReportKind kind = ReportKind.byId(kindName).orElseThrow(() -> DomainException.notFound(
                "no report '" + kindName + "'; the reports are " + kinds()));
        String formatName = request.queryParameter("format").orElse("json");
        ReportFormat format = ReportFormat.byId(formatName).orElseThrow(() -> DomainException.invalid(
                "format '" + formatName + "' is not one of json, csv, html, pdf"));
        Optional<Instant> from = request.queryParameter("from").map(history::instant);
        Optional<String> at = request.queryParameter("at");
        Optional<String> to = request.queryParameter("to");
        if (at.isPresent() && (to.isPresent() || from.isPresent())) {
            throw DomainException.invalid("give at, or from and to, not both");
        }
        if (kind.covers() == ReportKind.Covers.PERIOD && at.isPresent()) {
            throw DomainException.invalid(kind.id() + " covers a period: give from (and to, now by default), not at");
        }
        Instant end = at.or(() -> to).map(history::instant).orElseGet(clock::instant);
        ReportAdmin.Generated generated = reports.generate(kind, from, end, format, principal.auditContext(), Optional.empty());
        return new HttpReply.Whole(HttpResponseStatus.OK, format.mediaType(), generated.file().bytes(),
                Map.of("Content-Disposition", List.of("attachment; filename=\"" + generated.fileName() + "\"")));
    }

    private HttpReply schedules(HttpRequestContext request, Principal principal) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        ArrayNode list = json.putArray("schedules");
        for (ReportSchedule schedule : schedules) {
            ObjectNode item = list.addObject();
            item.put("name", schedule.name());
            item.put("report", schedule.kind().id());
            item.put("schedule", schedule.cron());
            schedule.period().ifPresentOrElse(p -> item.put("period", periodText(p)), () -> item.putNull("period"));
            ArrayNode formats = item.putArray("formats");
            schedule.formats().forEach(f -> formats.add(f.id()));
            item.put("webhook", schedule.webhook());
        }
        return AdminApi.ok(json);
    }

    /** As the configuration writes it: {@code 7d}, {@code 12h}, {@code 90m}, {@code 45s}. */
    static String periodText(Duration period) {
        long seconds = period.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private HttpReply list(HttpRequestContext request, Principal principal) {
        Optional<Instant> since = request.queryParameter("since").map(history::instant);
        int limit = request.queryParameter("limit").map(ReportRoutes::limit).orElse(MAX_LISTED);
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        ArrayNode list = json.putArray("reports");
        for (TrailRecord record : reports.generated(since, limit)) {
            ObjectNode item = list.addObject();
            item.put("time", record.time().toString());
            item.put("kind", record.details().path("kind").asText());
            item.set("from", record.details().path("from"));
            item.set("to", record.details().path("to"));
            item.put("format", record.details().path("format").asText());
            item.put("digest", record.details().path("digest").asText());
            item.put("contentDigest", record.details().path("contentDigest").asText());
            item.put("chainPosition", record.details().path("chainPosition").asLong());
            item.set("schedule", record.details().path("schedule"));
            item.put("actor", record.actorType() + " " + record.actorId());
            item.put("auditPosition", record.position());
        }
        return AdminApi.ok(json);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > MAX_LISTED) {
                throw DomainException.invalid("limit is 1 to " + MAX_LISTED);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("limit '" + text + "' is not a number");
        }
    }

    private static String kinds() {
        return Arrays.stream(ReportKind.values()).map(ReportKind::id).collect(Collectors.joining(", "));
    }

}
