package dev.chronoscale.app.server;

import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.tools.client.ServerKeyLookup;
import dev.chronoscale.tools.client.Ts2021Client;
import io.netty.channel.nio.NioEventLoopGroup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The protocol clients of one running server: its Noise key, looked up once as a client does, one event loop, and
 * every node connected, all closed together.
 */
final class ProtocolClients implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final Ts2021Client client = new Ts2021Client(group);
    private final InetSocketAddress address;
    private final MachinePublicKey serverKey;
    private final List<ProtocolNode> nodes = new ArrayList<>();

    ProtocolClients(InetSocketAddress address) throws Exception {
        this.address = address;
        try {
            this.serverKey = new ServerKeyLookup(HttpClient.newHttpClient())
                    .noiseKey(URI.create("http://127.0.0.1:" + address.getPort()), 115);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    MachinePublicKey serverKey() {
        return serverKey;
    }

    /** A node that already has a machine key (one a real client kept in its state), closed with the others. */
    ProtocolNode connect(NoiseKeyPair machineKey, String nodeKey) throws Exception {
        ProtocolNode node = ProtocolNode.connect(client, address, serverKey, machineKey, nodeKey, 115);
        nodes.add(node);
        return node;
    }

    /** A node speaking the protocol with {@code nodeKey}, closed with the others. */
    ProtocolNode connect(String nodeKey) throws Exception {
        ProtocolNode node = ProtocolNode.connect(client, address, serverKey, nodeKey, 115);
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        nodes.forEach(ProtocolNode::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
