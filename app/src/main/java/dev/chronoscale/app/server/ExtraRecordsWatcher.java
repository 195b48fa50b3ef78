package dev.chronoscale.app.server;

import dev.chronoscale.app.config.DnsValues;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows the file of {@code dns.extra_records_path}, as Headscale does: when it changes, its records go to every
 * node. The file's folder is watched, so a file replaced by renaming another over it (as editors and configuration
 * tools save) is seen as well as one written in place. A file that does not read as records is logged and changes
 * nothing; an empty one (still being written) is waited out, as Headscale does.
 */
final class ExtraRecordsWatcher implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(ExtraRecordsWatcher.class.getName());

    /** Empty when the records are not read from a file: the watcher then starts no thread. */
    private final Optional<Path> watched;
    private final Path file;
    /** Puts the records in force; returns false when they were already. */
    private final Predicate<List<DnsRecord>> apply;
    private final Object reading = new Object();
    private FileChangeWatch watch;

    ExtraRecordsWatcher(Optional<Path> file, Predicate<List<DnsRecord>> apply) {
        this.watched = file.map(path -> path.toAbsolutePath().normalize());
        this.file = watched.orElse(null);
        this.apply = apply;
    }

    @Override
    public synchronized void start() {
        if (watched.isEmpty() || watch != null) {
            return;
        }
        try {
            watch = FileChangeWatch.start(file, "extra-records-watcher", Duration.ZERO, this::reload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + file + " (dns.extra_records_path): " + e.getMessage(), e);
        }
        // A change between reading the file at start and watching it would otherwise wait for the next one.
        reload();
    }

    /** One read at a time, so an older read never puts its records in force after a newer one. */
    private void reload() {
        synchronized (reading) {
            Optional<List<DnsRecord>> records;
            try {
                records = DnsValues.readRecordsFile(file);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "dns.extra_records_path " + file + ": " + e.getMessage()
                        + "; the records in force stay");
                return;
            }
            if (records.isPresent() && apply.test(records.get())) {
                LOG.log(System.Logger.Level.INFO, "dns.extra_records_path " + file + ": " + records.get().size()
                        + " extra records sent to every node");
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watch != null;
    }
}
