package dev.chronoscale.derp.server;

import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.RecvPacket;
import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Frames waiting for one client's socket. Any thread may offer; only the client's event loop writes, and
 * only while the channel is writable, so a slow reader costs at most its bounded queues plus Netty's
 * write buffer (high water mark). When a packet queue is full the oldest packet is dropped: fresh
 * packets matter more to WireGuard than stale ones, and the sender is never blocked. A socket whose
 * write backlog does not shrink at all for the write timeout is closed.
 */
final class OutboundQueue {
    private final Channel channel;
    private final long writeTimeoutNanos;
    private final BoundedQueue control;
    private final BoundedQueue disco;
    private final BoundedQueue packets;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final LongAdder droppedByRelay;
    /** Event-loop confined: when the write backlog last shrank while unwritable (0: writable). */
    private long stalledSinceNanos;
    private long backlogAtLastCheck;
    /** Event-loop confined: frames were written directly and await the drain task's flush. */
    private boolean unflushed;
    private ScheduledFuture<?> stallCheck;

    OutboundQueue(Channel channel, int packetCapacity, int byteCapacity, int controlCapacity, long writeTimeoutNanos,
            LongAdder droppedByRelay) {
        this.channel = channel;
        this.droppedByRelay = droppedByRelay;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.control = new BoundedQueue(controlCapacity, Long.MAX_VALUE);
        this.disco = new BoundedQueue(packetCapacity, byteCapacity);
        this.packets = new BoundedQueue(packetCapacity, byteCapacity);
    }

    void offerPacket(RecvPacket frame, boolean isDisco) {
        if (channel.eventLoop().inEventLoop() && channel.isWritable() && nothingQueued()) {
            // Sender and receiver share this event loop: the drain task could only run after the sender's
            // whole read batch, so write now (without flushing) and flush once from the task.
            channel.write(frame, channel.voidPromise());
            unflushed = true;
        } else {
            (isDisco ? disco : packets).offer(frame);
        }
        scheduleDrain();
    }

    private boolean nothingQueued() {
        return control.isEmpty() && disco.isEmpty() && packets.isEmpty();
    }

    void offerControl(DerpFrame frame) {
        control.offer(frame);
        scheduleDrain();
    }

    long droppedCount() {
        return dropped.get();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    /** Runs on the channel's event loop; also called when the channel becomes writable again. */
    void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            return;
        }
        boolean wrote = unflushed;
        unflushed = false;
        while (true) {
            if (!channel.isWritable()) {
                if (wrote) {
                    channel.flush();
                    wrote = false;
                }
                if (!channel.isWritable()) {
                    noteStalled();
                    return;
                }
            }
            DerpFrame next = control.poll();
            if (next == null) {
                next = disco.poll();
            }
            if (next == null) {
                next = packets.poll();
            }
            if (next == null) {
                break;
            }
            channel.write(next, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
        stalledSinceNanos = 0;
    }

    private void noteStalled() {
        if (stalledSinceNanos == 0) {
            stalledSinceNanos = System.nanoTime();
            backlogAtLastCheck = channel.bytesBeforeWritable();
        }
        if (stallCheck == null || stallCheck.isDone()) {
            stallCheck = channel.eventLoop().schedule(this::checkStall, writeTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A reader that keeps reading, however slowly, is not stalled: only a write backlog that has not
     * shrunk for the whole timeout closes the connection (like a blocked write past derper's deadline).
     */
    private void checkStall() {
        if (channel.isWritable() || stalledSinceNanos == 0) {
            stalledSinceNanos = 0;
            drain();
            return;
        }
        long backlog = channel.bytesBeforeWritable();
        if (backlog < backlogAtLastCheck) {
            backlogAtLastCheck = backlog;
            stalledSinceNanos = System.nanoTime();
        }
        long stalledFor = System.nanoTime() - stalledSinceNanos;
        if (stalledFor >= writeTimeoutNanos) {
            channel.close();
        } else {
            stallCheck = channel.eventLoop().schedule(this::checkStall, writeTimeoutNanos - stalledFor,
                    TimeUnit.NANOSECONDS);
        }
    }

    void discard() {
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        control.clear();
        disco.clear();
        packets.clear();
    }

    /** A lock-free queue that drops its head when more than {@code capacity} items are offered. */
    private final class BoundedQueue {
        private final Queue<DerpFrame> items = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();
        private final int capacity;
        private final long byteCapacity;

        BoundedQueue(int capacity, long byteCapacity) {
            this.capacity = capacity;
            this.byteCapacity = byteCapacity;
        }

        void offer(DerpFrame frame) {
            items.add(frame);
            int n = size.incrementAndGet();
            long b = bytes.addAndGet(weight(frame));
            while ((n > capacity || b > byteCapacity) && n > 1) {
                DerpFrame oldest = poll();
                if (oldest == null) {
                    return;
                }
                dropped.incrementAndGet();
                droppedByRelay.increment();
                n = size.get();
                b = bytes.get();
            }
        }

        private static long weight(DerpFrame frame) {
            return frame instanceof RecvPacket p ? p.packet().length + 37L : 64L;
        }

        boolean isEmpty() {
            return size.get() == 0;
        }

        DerpFrame poll() {
            DerpFrame f = items.poll();
            if (f != null) {
                size.decrementAndGet();
                bytes.addAndGet(-weight(f));
            }
            return f;
        }

        void clear() {
            while (poll() != null) {
                // drop
            }
        }
    }
}
