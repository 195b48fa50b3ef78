package dev.chronoscale.app.server;

import dev.chronoscale.admin.PolicyAdmin;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code policy.mode: file}: puts the policy file in force again on SIGHUP, as Headscale does, and when the file
 * changes. A reload is a policy change like any other, recorded with the system as its actor and a reason naming
 * the file and what triggered it; an unchanged file records nothing, and an invalid one is refused with an error
 * in the log while the policy in force stays. SIGHUP is taken in every mode, so it never ends the server.
 */
final class PolicyFileReload implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFileReload.class);
    /** Editors write a file in several steps; the reload waits until the folder has been quiet this long. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private final Optional<Path> file;
    private final PolicyAdmin policy;
    private volatile boolean running;
    private SignalHandler previousHangUp;
    private FileChangeWatch watch;

    /** @param file the policy file in file mode; empty in database mode */
    PolicyFileReload(Optional<Path> file, PolicyAdmin policy) {
        this.file = file;
        this.policy = policy;
    }

    /** Reads the file and puts it in force; false, with the reason logged, when it cannot be read or is refused. */
    synchronized boolean reload(String trigger) {
        if (file.isEmpty()) {
            LOG.info("{}: policy.mode is database, there is no policy file to reload", trigger);
            return false;
        }
        Path path = file.get();
        try {
            String text = Files.readString(path);
            long before = policy.get().version();
            long after = policy.set(text, AuditContext.system("policy file " + path + " reloaded on " + trigger)).version();
            if (after == before) {
                LOG.info("policy file {} reloaded on {}: unchanged, version {} stays in force", path, trigger, after);
            } else {
                LOG.info("policy file {} reloaded on {}: version {} is in force", path, trigger, after);
            }
            return true;
        } catch (IOException e) {
            LOG.error("policy file {} not reloaded on {}: cannot read it ({}); the policy in force stays", path, trigger,
                    e.getMessage());
        } catch (DomainException e) {
            LOG.error("policy file {} not reloaded on {}: {}; the policy in force stays", path, trigger, e.getMessage());
        }
        return false;
    }

    @Override
    public synchronized void start() {
        previousHangUp = Signal.handle(new Signal("HUP"), signal -> reload("SIGHUP"));
        if (file.isPresent()) {
            try {
                watch = FileChangeWatch.start(file.get(), "policy-file-watch", QUIET, () -> reload("file change"));
            } catch (IOException e) {
                throw new StartupFailure("cannot watch policy.path " + file.get() + ": " + e.getMessage(), e);
            }
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (previousHangUp != null) {
            Signal.handle(new Signal("HUP"), previousHangUp);
        }
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the listeners, so that the policy put in force at start-up is the one a reload compares with. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
