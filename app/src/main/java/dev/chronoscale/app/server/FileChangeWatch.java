package dev.chronoscale.app.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Calls back, on a daemon thread of its own, whenever one file changes. The file's folder is watched, so a file
 * replaced by renaming another over it (as editors and configuration tools save) is seen as well as one written in
 * place. Changes that follow each other within {@code quiet} make one call, after the last of them.
 */
final class FileChangeWatch implements AutoCloseable {

    private final WatchService watcher;
    private final Thread thread;

    private FileChangeWatch(WatchService watcher, Thread thread) {
        this.watcher = watcher;
        this.thread = thread;
    }

    static FileChangeWatch start(Path file, String threadName, Duration quiet, Runnable changed) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        WatchService watcher = absolute.getFileSystem().newWatchService();
        try {
            absolute.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            watcher.close();
            throw e;
        }
        Path name = absolute.getFileName();
        Thread thread = Thread.ofPlatform().daemon().name(threadName).start(() -> follow(watcher, name, quiet, changed));
        return new FileChangeWatch(watcher, thread);
    }

    private static void follow(WatchService watcher, Path name, Duration quiet, Runnable changed) {
        try {
            while (true) {
                boolean ours = drain(watcher.take(), name);
                if (!quiet.isZero()) {
                    for (WatchKey more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS); more != null;
                         more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                        ours |= drain(more, name);
                    }
                }
                if (ours) {
                    changed.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // the watch was closed: the server is stopping
        }
    }

    private static boolean drain(WatchKey key, Path name) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        thread.interrupt();
    }
}
