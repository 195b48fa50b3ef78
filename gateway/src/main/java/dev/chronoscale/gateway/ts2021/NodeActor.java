package dev.chronoscale.gateway.ts2021;

import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;

import java.net.InetSocketAddress;
import java.util.Optional;

/** The audit context of a change a node makes itself: the node as actor, from its connection's address. */
public final class NodeActor {

    private NodeActor() {
    }

    public static AuditContext of(long nodeId, AuthenticatedMachine machine, String reason) {
        return new AuditContext(ActorType.NODE, Long.toString(nodeId), remoteAddress(machine), Optional.of(reason));
    }

    public static Optional<String> remoteAddress(AuthenticatedMachine machine) {
        return machine.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress().getHostAddress())
                : Optional.empty();
    }
}
