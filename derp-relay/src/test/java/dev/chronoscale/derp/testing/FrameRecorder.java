package dev.chronoscale.derp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientListener;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.KeepAlive;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a test client's frames (keep-alives left out) so tests can wait for them. */
public final class FrameRecorder implements DerpClientListener {
    private final BlockingQueue<DerpFrame> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void onFrame(DerpClient client, DerpFrame frame) {
        if (!(frame instanceof KeepAlive)) {
            frames.add(frame);
        }
    }

    @Override
    public void onClosed(DerpClient client) {
        closed.countDown();
    }

    /** The next frame of {@code type}, skipping others; fails after 10 s. */
    public <T extends DerpFrame> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            DerpFrame f = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(f).as("waiting for a " + type.getSimpleName()).isNotNull();
            if (type.isInstance(f)) {
                return type.cast(f);
            }
        }
    }

    public boolean awaitClosed() throws InterruptedException {
        return closed.await(10, TimeUnit.SECONDS);
    }

    public BlockingQueue<DerpFrame> frames() {
        return frames;
    }
}
