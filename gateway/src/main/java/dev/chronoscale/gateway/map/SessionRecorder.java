package dev.chronoscale.gateway.map;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.RecordSession;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.netmap.NetmapNode;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Records node sessions in the event log: {@code NodeConnected} when a node comes online,
 * {@code NodeDisconnected} when it stays away past the reconnect grace, so quick reconnects leave
 * no trace. Commands go out on one thread, in the order the changes happened, never under the
 * netmap's lock.
 */
public final class SessionRecorder implements PresenceListener {

    private static final System.Logger LOG = System.getLogger(SessionRecorder.class.getName());

    private final AuditedCommandSender commands;
    private final ExecutorService inOrder;

    /** @param inOrder a single-threaded executor */
    public SessionRecorder(AuditedCommandSender commands, ExecutorService inOrder) {
        this.commands = commands;
        this.inOrder = inOrder;
    }

    @Override
    public void online(NetmapNode node, Optional<String> from) {
        record(node, true, new AuditContext(ActorType.NODE, Long.toString(node.id()), from, Optional.of("map session started")));
    }

    @Override
    public void offline(NetmapNode node) {
        record(node, false, new AuditContext(ActorType.NODE, Long.toString(node.id()), Optional.empty(),
                Optional.of("map session ended")));
    }

    private void record(NetmapNode node, boolean connected, AuditContext audit) {
        inOrder.execute(() -> {
            try {
                commands.send(new RecordSession(node.id(), connected), audit, "node " + node.id());
            } catch (DomainException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "session of node " + node.id() + " not recorded: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not record the session of node " + node.id(), e);
            }
        });
    }
}
