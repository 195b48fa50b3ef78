package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.NodePublicKey;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a node key may use this relay, after its ClientInfo has been opened (so the key is
 * proven) and before it is registered. Mesh peers holding the mesh key are never asked. Implementations
 * may answer asynchronously; they are called on a Netty event loop and must not block it.
 */
@FunctionalInterface
public interface ClientAdmission {

    CompletableFuture<AdmissionDecision> admit(NodePublicKey node, InetAddress source);

    /** Every node may connect: a public relay, or one behind a network boundary. */
    static ClientAdmission allowAll() {
        return (node, source) -> CompletableFuture.completedFuture(AdmissionDecision.allow());
    }
}
