package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.auditexport.chain.AuditQuery;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.auditexport.delivery.SinkDelivery;
import dev.chronoscale.auditexport.delivery.SinkStatus;
import dev.chronoscale.auditexport.export.AuditExporter;
import dev.chronoscale.auditexport.format.NativeDocument;
import dev.chronoscale.auditexport.schema.CanonicalJson;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.history.TimeWindow;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/audit/...}: the audit key, the trail (filtered), exports and sink status. Like every
 * {@code /api} route these need an API key (or the local socket), so the CLI works remotely too.
 */
public final class AuditRoutes {

    private static final int MAX_PAGE = 1000;

    private final AuditSigningKey key;
    private final AuditTrailStore trail;
    private final AuditExporter exporter;
    private final AuditChainFollower follower;
    private final List<SinkDelivery> sinks;

    public AuditRoutes(AuditSigningKey key, AuditTrailStore trail, AuditExporter exporter, AuditChainFollower follower,
                       List<SinkDelivery> sinks) {
        this.key = key;
        this.trail = trail;
        this.exporter = exporter;
        this.follower = follower;
        this.sinks = sinks;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/audit/public-key", "The Ed25519 key that signs audit checkpoints", this::publicKey),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/audit/log",
                        "Audit records (query: since, until, actor, action, node, user, after, limit)", this::log),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/audit/export",
                        "Export file (JSON lines, query: since, until), verifiable offline", this::export),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/audit/sinks", "Delivery status of each SIEM sink", this::sinks),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/history/events",
                        "The events of a window, in order, as audit records (query: from, to; actor, action, node, user, after, limit)",
                        this::events));
    }

    private HttpReply publicKey(HttpRequestContext request, Principal principal) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("algorithm", "Ed25519");
        json.put("publicKey", key.publicKey().base64());
        json.put("pem", key.publicKey().pem());
        return ok(json);
    }

    private HttpReply log(HttpRequestContext request, Principal principal) {
        return records(request, time(request, "since"), time(request, "until"));
    }

    /** The audit log of a window whose ends are history's instants: RFC 3339 with any offset, or -2h, -7d. */
    private HttpReply events(HttpRequestContext request, Principal principal) {
        TimeWindow window = TimeWindow.parse(request.queryParameter("from")
                .orElseThrow(() -> DomainException.invalid("from is required")), request.queryParameter("to"), Instant.now());
        // The audit trail keeps milliseconds and its end is exclusive; a window includes the events at its end.
        return records(request, Optional.of(window.from()),
                Optional.of(window.to().truncatedTo(ChronoUnit.MILLIS).plusMillis(1)));
    }

    private HttpReply records(HttpRequestContext request, Optional<Instant> since, Optional<Instant> until) {
        follower.catchUp();
        int limit = request.queryParameter("limit").map(l -> number("limit", l)).map(Long::intValue).orElse(100);
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid("limit must be between 1 and " + MAX_PAGE);
        }
        AuditQuery query = new AuditQuery(since, until, request.queryParameter("actor"),
                request.queryParameter("action"), request.queryParameter("node"), request.queryParameter("user"),
                request.queryParameter("after").map(a -> number("after", a)).orElse(0L), limit);
        List<ChainedRecord> found = trail.find(query);
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        ArrayNode records = json.putArray("records");
        found.forEach(link -> records.add(NativeDocument.of(link)));
        if (found.size() == limit) {
            json.put("next", found.get(found.size() - 1).position());
        } else {
            json.putNull("next");
        }
        return ok(json);
    }

    private HttpReply export(HttpRequestContext request, Principal principal) {
        follower.catchUp();
        Optional<Instant> since = time(request, "since");
        Optional<Instant> until = time(request, "until");
        return new HttpReply.Streamed(HttpResponseStatus.OK, "application/x-ndjson",
                lines -> exporter.export(since, until, lines));
    }

    private HttpReply sinks(HttpRequestContext request, Principal principal) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        ArrayNode list = json.putArray("sinks");
        for (SinkDelivery delivery : sinks) {
            SinkStatus s = delivery.status();
            ObjectNode sink = list.addObject();
            sink.put("name", s.name());
            sink.put("type", s.type());
            sink.put("healthy", s.healthy());
            sink.put("deliveredPosition", s.deliveredPosition());
            sink.put("deliveredEventId", s.deliveredEventId().orElse(null));
            sink.put("headPosition", s.headPosition());
            sink.put("lag", s.lag());
            sink.put("deliveredSinceStart", s.delivered());
            sink.put("failures", s.failures());
            sink.put("lastError", s.lastError().orElse(null));
            sink.put("lastErrorAt", s.lastErrorAt().map(Instant::toString).orElse(null));
            sink.put("nextAttemptAt", s.nextAttemptAt().map(Instant::toString).orElse(null));
        }
        return ok(json);
    }

    private static Optional<Instant> time(HttpRequestContext request, String name) {
        try {
            return request.queryParameter(name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(name + " must be an RFC 3339 time such as 2026-11-01T10:00:00Z");
        }
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name + " must be a whole number");
        }
    }

    private static HttpReply ok(ObjectNode json) {
        return HttpReply.json(HttpResponseStatus.OK, CanonicalJson.write(json));
    }
}
