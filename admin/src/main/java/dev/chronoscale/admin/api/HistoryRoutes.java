package dev.chronoscale.admin.api;

import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.map.PastMaps;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.netmap.NetmapNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code /api/v1/history/...}: the tailnet's past, computed from the event log. */
public final class HistoryRoutes {

    private final TailnetHistory history;
    private final PastMaps maps;

    public HistoryRoutes(TailnetHistory history, PastMaps maps) {
        this.history = history;
        this.maps = maps;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(new HttpRoute<>(HttpMethod.GET, "/api/v1/history/netmap",
                "The MapResponse a node was served at an instant (query: node, an id or a name; at)", this::netmap));
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
