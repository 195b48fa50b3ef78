package dev.chronoscale.gateway.map;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.netmap.NetmapChange;
import dev.chronoscale.netmap.NetmapListener;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deletes an ephemeral node that stayed offline for the inactivity timeout
 * ({@code node.ephemeral.inactivity_timeout}); coming back online in time cancels it. The clock
 * also starts when the netmap learns of an ephemeral node, so one that never opens a map stream,
 * or was offline when the server restarted, goes too. The deletion is an event with the system as
 * actor and the reason.
 */
public final class EphemeralNodeReaper implements PresenceListener, NetmapListener {

    private static final System.Logger LOG = System.getLogger(EphemeralNodeReaper.class.getName());

    private final AuditedCommandSender commands;
    private final ScheduledExecutorService timers;
    private final Duration inactivityTimeout;
    private final Map<Long, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

    public EphemeralNodeReaper(AuditedCommandSender commands, ScheduledExecutorService timers, Duration inactivityTimeout) {
        this.commands = commands;
        this.timers = timers;
        this.inactivityTimeout = inactivityTimeout;
    }

    @Override
    public void online(NetmapNode node, Optional<String> from) {
        ScheduledFuture<?> deletion = scheduled.remove(node.id());
        if (deletion != null) {
            deletion.cancel(false);
        }
    }

    @Override
    public void offline(NetmapNode node) {
        scheduleDeletion(node);
    }

    @Override
    public void changed(NetmapChange change, NetmapView netmap) {
        if (change instanceof NetmapChange.Joined joined) {
            scheduleDeletion(joined.node());
        } else if (change instanceof NetmapChange.Left left) {
            online(left.node(), Optional.empty());
        }
    }

    private void scheduleDeletion(NetmapNode node) {
        if (!node.ephemeral()) {
            return;
        }
        ScheduledFuture<?> previous = scheduled.put(node.id(),
                timers.schedule(() -> delete(node), inactivityTimeout.toMillis(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void delete(NetmapNode node) {
        scheduled.remove(node.id());
        try {
            commands.send(new DeleteNode(node.id()), AuditContext.system("ephemeral node inactive for "
                    + inactivityTimeout.toSeconds() + " s"), "node " + node.id());
        } catch (DomainException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "ephemeral node " + node.id() + " already gone: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete inactive ephemeral node " + node.id(), e);
        }
    }
}
