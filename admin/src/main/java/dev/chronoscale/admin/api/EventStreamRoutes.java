package dev.chronoscale.admin.api;

import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.auditexport.format.NativeDocument;
import dev.chronoscale.auditexport.schema.CanonicalJson;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/v1/events/stream}: the audit trail live, as server-sent events. Each record appended after the
 * stream opened (or after {@code Last-Event-ID}, or {@code ?after=}, a chain position) is one event, {@code id} its
 * position and {@code data} the record as {@code GET /api/v1/audit/log} shows it; a comment every
 * {@link #KEEP_ALIVE} keeps proxies from closing a quiet stream. The stream reads the chain's table every
 * {@link #POLL} (one indexed query) and ends when the client goes away. A caller may hold
 * {@link #MAX_STREAMS_PER_CALLER} at once.
 */
public final class EventStreamRoutes {

    public static final String PATH = "/api/v1/events/stream";
    static final int MAX_STREAMS_PER_CALLER = 4;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int PAGE = 100;

    private final AuditTrailStore trail;
    private final AuditChainFollower follower;
    /** Open streams per caller ({@code Identity}'s text: the key's prefix, the person's subject). */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public EventStreamRoutes(AuditTrailStore trail, AuditChainFollower follower) {
        this.trail = trail;
        this.follower = follower;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(PermittedRoute.needs(Permission.READ, HttpMethod.GET, PATH,
                "The audit records appended from now on (or after Last-Event-ID / query after), as server-sent events", this::stream));
    }

    private HttpReply stream(HttpRequestContext request, Principal caller) {
        Optional<String> resume = request.queryParameter("after").or(() -> request.header("Last-Event-ID"));
        long after;
        if (resume.isPresent()) {
            after = position(resume.get());
        } else {
            follower.catchUp();
            after = trail.head().position();
        }
        String who = caller.identity().toString();
        if (!take(who)) {
            return ErrorReplies.tooManyRequests("this caller already has " + MAX_STREAMS_PER_CALLER
                    + " event streams open; close one first");
        }
        return new HttpReply.Streamed(HttpResponseStatus.OK, "text/event-stream", lines -> {
            try {
                follow(after, lines);
            } finally {
                release(who);
            }
        }, Map.of("Cache-Control", List.of("no-store"), "X-Accel-Buffering", List.of("no")));
    }

    private void follow(long after, HttpReply.Lines lines) {
        long position = after;
        long quietSince = System.nanoTime();
        while (lines.isOpen()) {
            List<ChainedRecord> page = trail.page(position, PAGE);
            for (ChainedRecord link : page) {
                // A line feed is added after each: the blank line that ends the event.
                lines.accept("id: " + link.position() + "\nevent: audit\ndata: " + CanonicalJson.write(NativeDocument.of(link)) + "\n");
                position = link.position();
            }
            if (!page.isEmpty()) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= KEEP_ALIVE.toNanos()) {
                lines.accept(": keep-alive\n");
                quietSince = System.nanoTime();
            }
            if (page.size() < PAGE) {
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean take(String who) {
        boolean[] taken = {false};
        open.compute(who, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= MAX_STREAMS_PER_CALLER) {
                return now;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void release(String who) {
        open.computeIfPresent(who, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static long position(String text) {
        try {
            long position = Long.parseLong(text.trim());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("after (or Last-Event-ID) must be an audit record's position, a whole number");
        }
    }
}
