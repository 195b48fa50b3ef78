package dev.chronoscale.derp.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.net.NettyTransport;
import dev.chronoscale.derp.testing.Eventually;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real UDP round trip: the response names the address the request came from. */
class StunServerUdpTest {
    @Test
    void answersBindingRequestsWithTheObservedSourceAndIgnoresTheRest() throws Exception {
        EventLoopGroup group = NettyTransport.eventLoops(1);
        StunServer stun = new StunServer();
        Channel channel = stun.bind(group, new InetSocketAddress("127.0.0.1", 0));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(10_000);
            InetSocketAddress server = (InetSocketAddress) channel.localAddress();
            byte[] garbage = HexFormat.of().parseHex("deadbeef");
            socket.send(new DatagramPacket(garbage, garbage.length, server));
            byte[] txId = HexFormat.of().parseHex("00112233445566778899aabb");
            byte[] request = new StunBindingRequest(txId).encode();
            socket.send(new DatagramPacket(request, request.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            StunBindingResponse response = StunBindingResponse.parse(
                    Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(response.transactionId()).isEqualTo(txId);
            assertThat(response.mappedAddress()).isEqualTo(socket.getLocalSocketAddress());
            Eventually.await("garbage counted as ignored", () -> stun.ignoredCount() == 1);
            assertThat(stun.answeredCount()).isEqualTo(1);
        } finally {
            channel.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
