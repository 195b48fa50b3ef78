package dev.chronoscale.derp.stun;

import dev.chronoscale.derp.net.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * STUN binding server on UDP (Tailscale's default port 3478): answers each valid Tailscale Binding
 * Request with the source address it came from. Everything else is dropped without a reply.
 */
@ChannelHandler.Sharable
public final class StunServer extends SimpleChannelInboundHandler<DatagramPacket> {
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /** Binds a UDP socket on {@code address} with this handler; close the returned channel to stop. */
    public Channel bind(EventLoopGroup group, InetSocketAddress address) throws InterruptedException {
        return new Bootstrap().group(group).channel(NettyTransport.datagramChannel()).handler(this)
                .bind(address).sync().channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        byte[] request = ByteBufUtil.getBytes(datagram.content());
        try {
            byte[] reply = respond(request, datagram.sender());
            answered.incrementAndGet();
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), datagram.sender()));
        } catch (StunFormatException e) {
            ignored.incrementAndGet();
        }
    }

    /** The reply to {@code request} from {@code source}; pure, for tests and other transports. */
    public static byte[] respond(byte[] request, InetSocketAddress source) throws StunFormatException {
        StunBindingRequest parsed = StunBindingRequest.parse(request);
        return new StunBindingResponse(parsed.transactionId(), source).encode();
    }

    public long answeredCount() {
        return answered.get();
    }

    public long ignoredCount() {
        return ignored.get();
    }
}
