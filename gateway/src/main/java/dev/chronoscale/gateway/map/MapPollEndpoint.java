package dev.chronoscale.gateway.map;

import dev.chronoscale.domain.node.NodeCommands.AdvertiseRoutes;
import dev.chronoscale.domain.node.NodeCommands.ReportClient;
import dev.chronoscale.domain.node.PeerService;
import dev.chronoscale.domain.node.NodeCommands.ReportReachability;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.gateway.ts2021.NodeActor;
import dev.chronoscale.gateway.ts2021.StreamReplies;
import dev.chronoscale.tailcfg.Hostinfo;
import dev.chronoscale.tailcfg.MapRequest;
import dev.chronoscale.gateway.ts2021.AuthenticatedMachine;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NodeClient;
import dev.chronoscale.tailcfg.CapabilityVersion;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * {@code POST /machine/map}: a streaming poll ({@code Stream: true}) gets the complete map and then
 * deltas; a lite update ({@code Stream: false, OmitPeers: true}) only reports endpoints and hostinfo
 * and gets an empty 200; anything else gets one complete map. Reported reachability becomes a
 * {@code ReportReachability} command, which records an event only when something really changed.
 * Runs off the event loop: it sends commands and may wait for the netmap to catch up.
 */
public final class MapPollEndpoint {

    /** How long a poll waits for the netmap to catch up with the log (it trails it slightly). */
    private static final Duration NETMAP_CATCH_UP = Duration.ofSeconds(10);

    private final InventoryQueries inventory;
    private final Netmap netmap;
    private final MapStreaming sessions;
    private final AuditedCommandSender commands;
    private final LongSupplier logHead;

    /**
     * @param logHead the position of the newest event in the log; a map is built only once the
     *                netmap has caught up with it, so it shows everything committed before the poll
     */
    public MapPollEndpoint(InventoryQueries inventory, Netmap netmap, MapStreaming sessions, AuditedCommandSender commands,
                           LongSupplier logHead) {
        this.logHead = logHead;
        this.inventory = inventory;
        this.netmap = netmap;
        this.sessions = sessions;
        this.commands = commands;
    }

    public void poll(Channel stream, AuthenticatedMachine machine, MapRequest request) throws InterruptedException {
        if (!CapabilityVersion.isSupported(request.version())) {
            StreamReplies.text(stream, HttpResponseStatus.BAD_REQUEST, "client version too old (capability version "
                    + request.version() + "): this server needs Tailscale " + CapabilityVersion.MINIMUM_RELEASE
                    + " (capability version " + CapabilityVersion.MINIMUM + ") or newer");
            return;
        }
        Optional<NodeView> registered = inventory.nodeByMachineKey(machine.machineKey().text())
                .filter(n -> n.nodeKey().equals(request.nodeKey()));
        if (registered.isEmpty()) {
            StreamReplies.text(stream, HttpResponseStatus.NOT_FOUND, "node not found: register this node key first");
            return;
        }
        NetmapNode node;
        try {
            node = netmap.whenAt(logHead.getAsLong()).thenCompose(caughtUp -> netmap.whenKnown(request.nodeKey()))
                    .get(NETMAP_CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            StreamReplies.text(stream, HttpResponseStatus.SERVICE_UNAVAILABLE, "netmap not ready; try again");
            return;
        }
        report(node, machine, request);
        if (request.isLiteUpdate()) {
            StreamReplies.empty(stream);
            return;
        }
        StreamReplies.streamHead(stream, "application/octet-stream");
        MapSession session = sessions.newSession(node.id(), stream, request.wantsZstd());
        if (!request.stream()) {
            sessions.sendComplete(session);
            session.end();
        } else if (!sessions.start(session)) {
            session.end();
        }
    }

    private void report(NetmapNode node, AuthenticatedMachine machine, MapRequest request) {
        List<String> endpoints = request.endpoints() == null || (request.stream() && request.endpoints().isEmpty())
                ? node.endpoints() : List.copyOf(request.endpoints());
        int homeDerp = request.hostinfo() != null && request.hostinfo().preferredDerp() > 0
                ? request.hostinfo().preferredDerp() : node.homeDerpRegion();
        String discoKey = request.hasDiscoKey() ? request.discoKey() : node.discoKey().orElse(null);
        if (!endpoints.equals(node.endpoints()) || homeDerp != node.homeDerpRegion()
                || !Objects.equals(discoKey, node.discoKey().orElse(null))) {
            commands.send(new ReportReachability(node.id(), endpoints, homeDerp, discoKey),
                    NodeActor.of(node.id(), machine, "map request"), "node " + node.id());
        }
        if (request.hostinfo() != null) {
            reportClient(node, machine, request.hostinfo());
        }
        List<String> routes = request.hostinfo() == null ? null : request.hostinfo().routableIps();
        if (routes != null && !new HashSet<>(routes).equals(new HashSet<>(node.advertisedRoutes()))) {
            commands.send(new AdvertiseRoutes(node.id(), routes),
                    NodeActor.of(node.id(), machine, "hostinfo routes"), "node " + node.id());
        }
    }

    /** The client software the node's Hostinfo names, recorded when it differs from what the netmap holds. */
    private void reportClient(NetmapNode node, AuthenticatedMachine machine, Hostinfo hostinfo) {
        List<PeerService> peerApi = hostinfo.services() == null ? List.of() : hostinfo.services().stream()
                .filter(service -> service != null && PeerService.PROTOS.contains(service.proto())
                        && service.port() > 0 && service.port() <= 65535)
                .map(service -> new PeerService(service.proto(), service.port())).toList();
        NodeClient reported = new NodeClient(hostinfo.os(), hostinfo.osVersion(), hostinfo.ipnVersion(),
                hostinfo.deviceModel(), hostinfo.sshHostKeys(), peerApi);
        if (!reported.equals(node.client())) {
            commands.send(new ReportClient(node.id(), reported.os(), reported.osVersion(), reported.clientVersion(),
                    reported.deviceModel(), reported.sshHostKeys(), reported.peerServices()),
                    NodeActor.of(node.id(), machine, "hostinfo"), "node " + node.id());
        }
    }
}
