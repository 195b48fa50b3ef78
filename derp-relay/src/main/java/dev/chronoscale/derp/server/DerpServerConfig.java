package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one relay.
 *
 * @param sendQueueDepth   packets queued per client (and again for disco packets) before the oldest is dropped
 * @param sendQueueBytes   packet bytes queued per client (and again for disco) before the oldest is dropped; with
 *                         Netty's write buffer this bounds what a slow reader can make the relay hold
 * @param writeTimeout     a client whose socket stays unwritable this long is disconnected
 * @param keepAlive        interval of server keep-alive frames (plus per-client jitter of up to 5 s, or 1/12 of it)
 * @param handshakeTimeout time a new connection has to present a valid ClientInfo
 */
public record DerpServerConfig(
        NodePrivateKey privateKey,
        Optional<MeshKey> meshKey,
        ClientAdmission admission,
        int sendQueueDepth,
        int sendQueueBytes,
        Duration writeTimeout,
        Duration keepAlive,
        Duration handshakeTimeout) {

    public static DerpServerConfig defaults(NodePrivateKey privateKey) {
        return new DerpServerConfig(privateKey, Optional.empty(), ClientAdmission.allowAll(), 4096, 1 << 20,
                Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    public DerpServerConfig withMeshKey(MeshKey key) {
        return new DerpServerConfig(privateKey, Optional.of(key), admission, sendQueueDepth, sendQueueBytes, writeTimeout, keepAlive,
                handshakeTimeout);
    }

    public DerpServerConfig withAdmission(ClientAdmission a) {
        return new DerpServerConfig(privateKey, meshKey, a, sendQueueDepth, sendQueueBytes, writeTimeout, keepAlive, handshakeTimeout);
    }

    public DerpServerConfig withSendQueueDepth(int depth) {
        return new DerpServerConfig(privateKey, meshKey, admission, depth, sendQueueBytes, writeTimeout, keepAlive, handshakeTimeout);
    }

    public DerpServerConfig withSendQueueBytes(int bytes) {
        return new DerpServerConfig(privateKey, meshKey, admission, sendQueueDepth, bytes, writeTimeout, keepAlive,
                handshakeTimeout);
    }

    public DerpServerConfig withWriteTimeout(Duration d) {
        return new DerpServerConfig(privateKey, meshKey, admission, sendQueueDepth, sendQueueBytes, d, keepAlive, handshakeTimeout);
    }

    public DerpServerConfig withKeepAlive(Duration d) {
        return new DerpServerConfig(privateKey, meshKey, admission, sendQueueDepth, sendQueueBytes, writeTimeout, d, handshakeTimeout);
    }

    public DerpServerConfig withHandshakeTimeout(Duration d) {
        return new DerpServerConfig(privateKey, meshKey, admission, sendQueueDepth, sendQueueBytes, writeTimeout, keepAlive, d);
    }
}
