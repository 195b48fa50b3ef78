package dev.chronoscale.gateway.ts2021;

import dev.chronoscale.gateway.noise.MachinePublicKey;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;

/**
 * The client at the other end of a ts2021 connection, as the Noise handshake proved it: every
 * request on the connection's HTTP/2 streams comes from this machine key.
 *
 * @param machineKey        the client's static Noise key ({@code mkey:})
 * @param capabilityVersion the version the client put in its handshake (its capability version)
 * @param remoteAddress     where the TCP connection came from (a proxy's address behind one)
 */
public record AuthenticatedMachine(MachinePublicKey machineKey, int capabilityVersion, SocketAddress remoteAddress) {

    /** Set on the connection (the parent of every stream channel) once the handshake succeeded. */
    public static final AttributeKey<AuthenticatedMachine> CHANNEL_ATTRIBUTE =
            AttributeKey.valueOf(AuthenticatedMachine.class, "authenticatedMachine");
}
