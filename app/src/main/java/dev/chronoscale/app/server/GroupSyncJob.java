package dev.chronoscale.app.server;

import dev.chronoscale.admin.groups.GroupDirectoryUnavailableException;
import dev.chronoscale.admin.groups.GroupSyncResult;
import dev.chronoscale.admin.groups.IdpGroupSync;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * Syncs users' identity provider groups in the background: on one daemon thread, once at start and then every
 * interval (never again with a zero interval). A provider that cannot be read is a logged warning, the groups stay as
 * they were, and the next run tries again.
 */
public final class GroupSyncJob implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(GroupSyncJob.class.getName());

    /** The actor of the events a periodic sync records. */
    static final AuditContext ACTOR = new AuditContext(ActorType.SYSTEM, "group-sync", Optional.empty(),
            Optional.of("periodic identity provider group sync"));

    private final IdpGroupSync sync;
    private final Duration interval;
    private final java.util.concurrent.CompletableFuture<Void> firstRun = new java.util.concurrent.CompletableFuture<>();
    private final BackgroundThread thread = new BackgroundThread("group-sync");

    GroupSyncJob(IdpGroupSync sync, Duration interval) {
        this.sync = sync;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (!sync.hasDirectory()) {
            firstRun.complete(null);
            return;
        }
        thread.start(this::run, interval);
    }

    /**
     * Completes when the sync at start has run, whether or not it could read the provider (at once without a group
     * source): the server answers before it, so a caller that must see its result waits for this.
     */
    public java.util.concurrent.CompletableFuture<Void> firstRun() {
        return firstRun;
    }

    private void run() {
        try {
            GroupSyncResult result = sync.sync(ACTOR);
            if (!result.changes().isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "group sync: " + result.changes().size() + " of " + result.linkedUsers()
                        + " users linked to " + result.issuer() + " changed groups");
            }
        } catch (GroupDirectoryUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "group sync failed, groups unchanged" + next() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "group sync failed, groups unchanged" + next(), e);
        } finally {
            firstRun.complete(null);
        }
    }

    private String next() {
        return interval.isZero() ? "" : "; trying again in " + interval;
    }

    @Override
    public synchronized void stop() {
        thread.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return thread.isRunning();
    }
}
