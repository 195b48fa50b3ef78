package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.HistoryDiff;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.auditexport.format.NativeDocument;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.map.PastMaps;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.history.TimeWindow;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.access.AccessQuery;
import dev.chronoscale.netmap.access.AccessRow;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code /api/v1/history/...}: the tailnet's past, computed from the event log. */
public final class HistoryRoutes {

    private final TailnetHistory history;
    private final PastMaps maps;
    private final AccessMatrix access;
    private final HistoryDiff diff;

    public HistoryRoutes(TailnetHistory history, PastMaps maps, AccessMatrix access, HistoryDiff diff) {
        this.history = history;
        this.maps = maps;
        this.access = access;
        this.diff = diff;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/history/netmap",
                        "The MapResponse a node was served at an instant (query: node, an id or a name; at)", this::netmap),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/history/access",
                        "Who could reach what at an instant, and by which rule (query: at; src, dst: aliases; port)", this::access),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/history/diff",
                        "What changed between two instants, access gained and lost, and the events that did it (query: from, to)",
                        this::diff));
    }

    private HttpReply access(HttpRequestContext request, Principal principal) {
        Instant at = history.instant(request.queryParameter("at").orElseThrow(() -> DomainException.invalid("at is required")));
        AccessQuery query = query(request);
        NetmapAt past = history.netmapAt(at);
        List<AccessRow> rows = access.rowsInForce(past.netmap().policy(), past.policyText(), past.netmap().tailnet(), query);
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("at", at.toString());
        json.put("policyInForce", past.policyText().isPresent());
        json.set("rows", AccessJson.rows(rows));
        return AdminApi.ok(json);
    }

    private HttpReply diff(HttpRequestContext request, Principal principal) {
        TimeWindow window = history.window(request.queryParameter("from")
                .orElseThrow(() -> DomainException.invalid("from is required")), request.queryParameter("to"));
        HistoryDiff.Result result = diff.between(window.from(), window.to());
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("from", result.from().toString());
        json.put("to", result.to().toString());
        ArrayNode changes = json.putArray("changes");
        for (HistoryDiff.Change change : result.changes()) {
            ObjectNode item = changes.addObject();
            item.put("kind", change.change().kind());
            item.put("id", String.valueOf(change.change().id()));
            item.put("name", change.change().name());
            item.put("change", change.change().change());
            ArrayNode fields = item.putArray("fields");
            change.change().fields().forEach(f -> fields.addObject().put("field", f.field()).put("before", f.before())
                    .put("after", f.after()));
            ArrayNode events = item.putArray("events");
            change.events().forEach(e -> events.add(NativeDocument.of(e)));
        }
        ObjectNode policy = json.putObject("policy");
        policy.put("changed", !result.policy().diff().isEmpty());
        result.policy().before().ifPresentOrElse(p -> policy.put("versionBefore", p.version()), () -> policy.putNull("versionBefore"));
        result.policy().after().ifPresentOrElse(p -> policy.put("versionAfter", p.version()), () -> policy.putNull("versionAfter"));
        policy.put("diff", result.policy().diff());
        ArrayNode policyEvents = policy.putArray("events");
        result.policy().events().forEach(e -> policyEvents.add(NativeDocument.of(e)));
        ObjectNode accessJson = json.putObject("access");
        accessJson.set("gained", AccessJson.rows(result.access().gained()));
        accessJson.set("lost", AccessJson.rows(result.access().lost()));
        json.put("events", result.events());
        json.put("eventsTruncated", result.eventsTruncated());
        return AdminApi.ok(json);
    }

    static AccessQuery query(HttpRequestContext request) {
        Optional<Integer> port = request.queryParameter("port").map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw DomainException.invalid("port '" + text + "' is not a number");
            }
        });
        return new AccessQuery(request.queryParameter("src"), request.queryParameter("dst"), port);
    }

    private HttpReply netmap(HttpRequestContext request, Principal principal) {
        String node = request.queryParameter("node").orElseThrow(() -> DomainException.invalid("node is required (an id or a name)"));
        Instant at = history.instant(request.queryParameter("at").orElseThrow(() -> DomainException.invalid("at is required")));
        NetmapAt past = history.netmapAt(at);
        long id = nodeAt(past, node).orElseThrow(() -> DomainException.notFound("no node '" + node + "' at " + at));
        byte[] json = maps.completeMap(past.netmap(), id, at, past::wasConnected).orElseThrow();
        return new HttpReply.Whole(HttpResponseStatus.OK, "application/json", json);
    }

    /** A node by id, or by its name or host name, among the nodes that existed at the instant. */
    private static Optional<Long> nodeAt(NetmapAt past, String idOrName) {
        return past.netmap().read(view -> {
            if (idOrName.matches("\\d{1,18}")) {
                return view.node(Long.parseLong(idOrName)).map(NetmapNode::id);
            }
            List<NetmapNode> named = view.nodes().stream().filter(n -> n.givenName().equals(idOrName)).toList();
            if (named.isEmpty()) {
                named = view.nodes().stream().filter(n -> n.hostname().equals(idOrName)).toList();
            }
            if (named.size() > 1) {
                throw DomainException.conflict("several nodes were called '" + idOrName + "' then; use the id");
            }
            return named.stream().findFirst().map(NetmapNode::id);
        });
    }
}
