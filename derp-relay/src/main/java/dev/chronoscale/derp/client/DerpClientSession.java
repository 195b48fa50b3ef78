package dev.chronoscale.derp.client;

import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.ClientInfo;
import dev.chronoscale.derp.frame.ClientInfoFrame;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.MalformedFrameException;
import dev.chronoscale.derp.frame.NotePreferred;
import dev.chronoscale.derp.frame.Ping;
import dev.chronoscale.derp.frame.Pong;
import dev.chronoscale.derp.frame.ServerInfo;
import dev.chronoscale.derp.frame.ServerInfoFrame;
import dev.chronoscale.derp.frame.ServerKey;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of a DERP connection as a state machine:
 * {@code AWAITING_SERVER_KEY --send sealed ClientInfo--> AWAITING_SERVER_INFO --opens--> ESTABLISHED}.
 * Established, it answers pings and hands every other frame to the listener.
 */
final class DerpClientSession extends SimpleChannelInboundHandler<DerpFrame> {
    private enum State { AWAITING_SERVER_KEY, AWAITING_SERVER_INFO, ESTABLISHED }

    private final DerpClient client;
    private final DerpClientOptions options;
    private final DerpClientListener listener;
    private final CompletableFuture<DerpClient> connected;
    private State state = State.AWAITING_SERVER_KEY;

    DerpClientSession(DerpClient client, DerpClientOptions options, DerpClientListener listener,
            CompletableFuture<DerpClient> connected) {
        super(DerpFrame.class);
        this.client = client;
        this.options = options;
        this.listener = listener;
        this.connected = connected;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DerpFrame frame) {
        switch (state) {
            case AWAITING_SERVER_KEY -> {
                if (!(frame instanceof ServerKey serverKey)) {
                    throw new MalformedFrameException("expected ServerKey, got type " + frame.type());
                }
                client.serverKey = serverKey.serverKey();
                ClientInfo info = options.meshKey().map(ClientInfo::meshPeer).orElseGet(ClientInfo::regular);
                ctx.write(ClientInfoFrame.seal(info, options.key(), serverKey.serverKey()));
                if (options.preferred()) {
                    ctx.write(new NotePreferred(true));
                }
                ctx.flush();
                state = State.AWAITING_SERVER_INFO;
            }
            case AWAITING_SERVER_INFO -> {
                if (!(frame instanceof ServerInfoFrame sealed)) {
                    throw new MalformedFrameException("expected ServerInfo, got type " + frame.type());
                }
                NodePublicKey server = client.serverKey;
                client.serverInfo = sealed.open(options.key(), server);
                state = State.ESTABLISHED;
                connected.complete(client);
            }
            case ESTABLISHED -> {
                if (frame instanceof Ping ping) {
                    ctx.writeAndFlush(new Pong(ping.data()));
                }
                listener.onFrame(client, frame);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            client.runWritabilityCallbacks();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connected.completeExceptionally(new java.io.IOException("connection closed before the DERP handshake ended"));
        if (state == State.ESTABLISHED) {
            listener.onClosed(client);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }

}
