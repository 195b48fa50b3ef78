package dev.chronoscale.derp.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Linux's epoll where Netty's native transport loads, Java NIO elsewhere. A relay hands each packet from the
 * sender's event loop to the receiver's, so waking another loop is on every packet's path: epoll does it with
 * an eventfd where NIO goes through its selector.
 */
public final class NettyTransport {

    private static final boolean EPOLL = Epoll.isAvailable();

    private NettyTransport() {
    }

    /** Event loops; {@code threads} 0 for Netty's default (twice the cores). */
    public static EventLoopGroup eventLoops(int threads) {
        return EPOLL ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends DatagramChannel> datagramChannel() {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
