package dev.chronoscale.derp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.DerpFrameCodec;
import dev.chronoscale.derp.frame.KeepAlive;
import dev.chronoscale.derp.frame.RecvPacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-client queue, filled from another thread while the client's event loop is busy: bounded by
 * packets and by bytes, oldest dropped, control frames written first.
 */
class OutboundQueueTest {
    private static final NodePublicKey SOURCE = NodePrivateKey.generate().publicKey();
    private DefaultEventLoopGroup group;
    private Channel server;
    private Channel channel;
    private final BlockingQueue<DerpFrame> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        group = new DefaultEventLoopGroup(2);
        LocalAddress address = new LocalAddress("outbound-queue-test-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new DerpFrameCodec(), new SimpleChannelInboundHandler<DerpFrame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DerpFrame frame) {
                                received.add(frame);
                            }
                        });
                    }
                }).bind(address).sync().channel();
        channel = new Bootstrap().group(group).channel(LocalChannel.class).handler(new DerpFrameCodec())
                .connect(address).sync().channel();
    }

    @AfterEach
    void close() {
        channel.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void offersBeyondThePacketBoundDropTheOldest() throws Exception {
        OutboundQueue queue = new OutboundQueue(channel, 8, 1 << 20, 64, TimeUnit.SECONDS.toNanos(2), new java.util.concurrent.atomic.LongAdder());
        whileEventLoopIsBusy(() -> {
            for (int i = 0; i < 20; i++) {
                queue.offerPacket(new RecvPacket(SOURCE, new byte[] {(byte) i}), false);
            }
        });
        assertThat(firstBytes(8)).containsExactly(12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(queue.droppedCount()).isEqualTo(12);
    }

    @Test
    void theByteBoundCapsLargePacketsAndControlFramesGoFirst() throws Exception {
        OutboundQueue queue = new OutboundQueue(channel, 1000, 3 * 1400, 64, TimeUnit.SECONDS.toNanos(2), new java.util.concurrent.atomic.LongAdder());
        whileEventLoopIsBusy(() -> {
            for (int i = 0; i < 10; i++) {
                byte[] packet = new byte[1300];
                packet[0] = (byte) i;
                queue.offerPacket(new RecvPacket(SOURCE, packet), false);
            }
            queue.offerControl(new KeepAlive());
        });
        assertThat(received.poll(10, TimeUnit.SECONDS)).isInstanceOf(KeepAlive.class);
        assertThat(firstBytes(3)).containsExactly(7, 8, 9);
        assertThat(queue.droppedCount()).isEqualTo(7);
    }

    /** Runs {@code offers} on this thread while the channel's event loop is held, so nothing drains meanwhile. */
    private void whileEventLoopIsBusy(Runnable offers) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        channel.eventLoop().execute(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        offers.run();
        release.countDown();
    }

    private List<Integer> firstBytes(int count) throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DerpFrame f = received.poll(10, TimeUnit.SECONDS);
            assertThat(f).isInstanceOf(RecvPacket.class);
            out.add((int) ((RecvPacket) f).packet()[0]);
        }
        return out;
    }
}
