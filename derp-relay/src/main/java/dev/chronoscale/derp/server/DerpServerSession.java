package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.BoxException;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.ClientInfo;
import dev.chronoscale.derp.frame.ClientInfoFrame;
import dev.chronoscale.derp.frame.ClosePeer;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.ForwardPacket;
import dev.chronoscale.derp.frame.KeepAlive;
import dev.chronoscale.derp.frame.MalformedFrameException;
import dev.chronoscale.derp.frame.NotePreferred;
import dev.chronoscale.derp.frame.PeerGoneReason;
import dev.chronoscale.derp.frame.Ping;
import dev.chronoscale.derp.frame.Pong;
import dev.chronoscale.derp.frame.SendPacket;
import dev.chronoscale.derp.frame.ServerInfo;
import dev.chronoscale.derp.frame.ServerInfoFrame;
import dev.chronoscale.derp.frame.ServerKey;
import dev.chronoscale.derp.frame.WatchConns;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one DERP connection, as a state machine over decoded frames:
 *
 * <pre>
 *   (added) --send ServerKey--> AWAITING_CLIENT_INFO --ClientInfo opens--> ADMITTING
 *   ADMITTING --admitted: register, send ServerInfo--> ESTABLISHED --(channel closes)--> unregistered
 * </pre>
 *
 * Anything unexpected (a first frame that is not ClientInfo, a box that does not open, a privileged frame
 * without the mesh key, a malformed frame) closes this connection and nothing else.
 */
public final class DerpServerSession extends SimpleChannelInboundHandler<DerpFrame> {
    private static final System.Logger LOG = System.getLogger(DerpServerSession.class.getName());
    /** Frames a client may send before admission finishes (tailscaled sends NotePreferred right away). */
    private static final int MAX_FRAMES_WHILE_ADMITTING = 64;

    private enum State { NEW, AWAITING_CLIENT_INFO, ADMITTING, ESTABLISHED, CLOSED }

    private final DerpServer server;
    /** Started by {@link #begin} rather than on activation: see {@link DerpConnectionTakeover}. */
    private final boolean deferredStart;
    private final boolean notIdealNode;
    /** Frames that arrived before the handshake could look at them (before start, or while admitting). */
    private final List<DerpFrame> heldWhileAdmitting = new ArrayList<>();
    private State state = State.NEW;
    private ClientConnection connection;
    private ScheduledFuture<?> handshakeTimeout;
    private ScheduledFuture<?> keepAlive;

    DerpServerSession(DerpServer server, boolean deferredStart, boolean notIdealNode) {
        super(DerpFrame.class);
        this.server = server;
        this.deferredStart = deferredStart;
        this.notIdealNode = notIdealNode;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!deferredStart && ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!deferredStart) {
            start(ctx);
        }
        super.channelActive(ctx);
    }

    /**
     * Starts a deferred session: sends ServerKey, then handles frames that arrived before (a fast-start
     * client's ClientInfo, sent together with its HTTP request).
     */
    void begin(ChannelHandlerContext ctx) {
        try {
            start(ctx);
            List<DerpFrame> early = new ArrayList<>(heldWhileAdmitting);
            heldWhileAdmitting.clear();
            for (DerpFrame f : early) {
                channelRead0(ctx, f);
            }
        } catch (RuntimeException e) {
            exceptionCaught(ctx, e);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (state != State.NEW) {
            return;
        }
        state = State.AWAITING_CLIENT_INFO;
        ctx.writeAndFlush(new ServerKey(server.publicKey()));
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (state != State.ESTABLISHED) {
                LOG.log(Level.DEBUG, "DERP handshake timed out from {0}", ctx.channel().remoteAddress());
                ctx.close();
            }
        }, server.config().handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DerpFrame frame) {
        switch (state) {
            case AWAITING_CLIENT_INFO -> receiveClientInfo(ctx, frame);
            case NEW, ADMITTING -> {
                if (heldWhileAdmitting.size() >= MAX_FRAMES_WHILE_ADMITTING) {
                    ctx.close();
                } else {
                    heldWhileAdmitting.add(frame);
                }
            }
            case ESTABLISHED -> dispatch(ctx, frame);
            case CLOSED -> { }
        }
    }

    private void receiveClientInfo(ChannelHandlerContext ctx, DerpFrame frame) {
        if (!(frame instanceof ClientInfoFrame sealed)) {
            throw new MalformedFrameException("expected ClientInfo, got frame type " + frame.type());
        }
        ClientInfo info;
        try {
            info = sealed.open(server.privateKey());
        } catch (BoxException e) {
            throw new MalformedFrameException("ClientInfo from " + sealed.clientKey() + " does not open: "
                    + e.getMessage());
        }
        boolean meshPeer = server.config().meshKey()
                .map(ours -> info.meshKey().map(ours::matches).orElse(false))
                .orElse(false);
        state = State.ADMITTING;
        if (meshPeer) {
            establish(ctx, sealed.clientKey(), info, true);
            return;
        }
        InetAddress source = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress() : InetAddress.getLoopbackAddress();
        server.config().admission().admit(sealed.clientKey(), source).whenComplete((decision, error) ->
                ctx.executor().execute(() -> {
                    if (state != State.ADMITTING) {
                        return;
                    }
                    if (error != null || decision == null || !decision.allowed()) {
                        LOG.log(Level.INFO, "DERP client {0} refused: {1}", sealed.clientKey(),
                                error != null ? error.toString() : decision == null ? "no decision" : decision.reason());
                        ctx.close();
                        return;
                    }
                    try {
                        establish(ctx, sealed.clientKey(), info, false);
                    } catch (RuntimeException e) {
                        exceptionCaught(ctx, e); // outside the pipeline here, e.g. a held frame was invalid
                    }
                }));
    }

    private void establish(ChannelHandlerContext ctx, NodePublicKey key, ClientInfo info, boolean meshPeer) {
        if (!ctx.channel().isActive()) {
            state = State.CLOSED;
            return;
        }
        connection = new ClientConnection(key, ctx.channel(), info, meshPeer, notIdealNode, server.config(),
                server.counters());
        // Registered before ServerInfo is sent (as derper does), so a client that has its ServerInfo is
        // reachable. Nothing can overtake the ServerInfo: packets queued for this client by other event
        // loops are written by a drain task that runs after this one.
        server.registry().register(connection);
        ctx.writeAndFlush(ServerInfoFrame.seal(ServerInfo.current(), server.privateKey(), key));
        state = State.ESTABLISHED;
        handshakeTimeout.cancel(false);
        // derper adds 0-5 s of jitter to its 60 s so a restart's clients do not tick in step.
        long base = server.config().keepAlive().toMillis();
        long interval = base + ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(5000, base / 12)));
        keepAlive = ctx.executor().scheduleAtFixedRate(() -> connection.send(new KeepAlive()),
                interval, interval, TimeUnit.MILLISECONDS);
        List<DerpFrame> held = new ArrayList<>(heldWhileAdmitting);
        heldWhileAdmitting.clear();
        for (DerpFrame f : held) {
            if (state == State.ESTABLISHED) {
                dispatch(ctx, f);
            }
        }
    }

    private void dispatch(ChannelHandlerContext ctx, DerpFrame frame) {
        server.registry().noteActivity(connection);
        switch (frame) {
            case SendPacket p -> route(p);
            case ForwardPacket p -> {
                requireMesh("ForwardPacket");
                ClientConnection dst = server.registry().active(p.destination());
                if (dst != null) {
                    deliver(dst, p.source(), p.packet());
                }
                // A forwarded packet is never forwarded again: that is how mesh loops are avoided.
            }
            case NotePreferred p -> connection.setPreferred(p.preferred());
            case Ping p -> connection.send(new Pong(p.data()));
            case WatchConns w -> {
                requireMesh("WatchConns");
                server.registry().addWatcher(connection);
            }
            case ClosePeer c -> {
                requireMesh("ClosePeer");
                server.registry().connectionsOf(c.peer()).forEach(target -> target.channel().close());
            }
            default -> {
                // Pong, KeepAlive and server-to-client or unknown types: ignored, as derper does.
            }
        }
    }

    private void route(SendPacket p) {
        ClientRegistry registry = server.registry();
        ClientConnection dst = registry.active(p.destination());
        if (dst != null) {
            deliver(dst, connection.key(), p.packet());
            return;
        }
        PacketForwarder forwarder = registry.forwarder(p.destination());
        if (forwarder != null) {
            if (forwarder.forward(connection.key(), p.destination(), p.packet())) {
                server.counters().packetsForwardedToMesh.increment();
            } else {
                server.counters().droppedQueueFull.increment();
            }
            return;
        }
        server.counters().droppedUnknownNode.increment();
        if (DiscoPacket.looksLikeDisco(p.packet()) && connection.allowNotHereReply()) {
            connection.peerGone(p.destination(), PeerGoneReason.NOT_HERE);
        }
    }

    private void deliver(ClientConnection dst, NodePublicKey source, byte[] packet) {
        server.counters().packetsRelayed.increment();
        server.counters().bytesRelayed.add(packet.length);
        if (dst.deliver(source, packet)) {
            server.registry().noteDelivery(source, dst);
        }
    }

    private void requireMesh(String frameName) {
        if (!connection.isMeshPeer()) {
            throw new MalformedFrameException(frameName + " from a client without the mesh key");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (connection != null && ctx.channel().isWritable()) {
            connection.outbound().drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.CLOSED;
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (connection != null) {
            server.registry().unregister(connection);
            connection.outbound().discard();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, "closing DERP connection from " + ctx.channel().remoteAddress() + ": " + cause);
        state = State.CLOSED;
        ctx.close();
    }
}
