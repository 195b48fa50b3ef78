package dev.chronoscale.gateway.ts2021;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Last handler of a ts2021 connection: an error nobody handled ends that connection, and only it. */
@ChannelHandler.Sharable
final class CloseOnUnhandledError extends ChannelInboundHandlerAdapter {

    static final CloseOnUnhandledError INSTANCE = new CloseOnUnhandledError();
    private static final System.Logger LOG = System.getLogger(CloseOnUnhandledError.class.getName());

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, () -> "closing ts2021 connection " + ctx.channel() + ": " + cause);
        ctx.close();
    }
}
