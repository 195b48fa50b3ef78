package dev.chronoscale.tools.derpbench;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.crypto.NodePublicKey;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends packets from one client to one receiver, keeping at most {@code window} packets in flight
 * (sent but not yet seen by the receiver), like a transport with flow control would. The relay is thus
 * measured at the rate it can deliver, not at the rate a flood can be dropped. Runs on the sender's event
 * loop in batches and never blocks a thread. Packets the relay drops would hold the window forever, so
 * when nothing arrives for a while the in-flight count is written off as lost.
 */
final class PacketPump {
    private static final int BATCH = 64;
    private static final long LOSS_CHECK_MILLIS = 50;

    private final DerpClient sender;
    private final NodePublicKey destination;
    private final byte[] packet;
    private final int window;
    private final LongAdder totalSent;
    private final LongAdder totalReceived;
    private final AtomicBoolean waitingForWindow = new AtomicBoolean();
    private volatile boolean running = true;
    /** Written on the sender's event loop only; read by the receiver's to decide on a wake-up. */
    private volatile long sent;
    private volatile long writtenOff;
    private long receivedAtLastCheck;
    private volatile long received;
    private ScheduledFuture<?> lossCheck;

    PacketPump(DerpClient sender, NodePublicKey destination, byte[] packet, int window, LongAdder totalSent,
            LongAdder totalReceived) {
        this.sender = sender;
        this.destination = destination;
        this.packet = packet;
        this.window = window;
        this.totalSent = totalSent;
        this.totalReceived = totalReceived;
    }

    void start() {
        sender.eventLoop().execute(this::pump);
        lossCheck = sender.eventLoop().scheduleAtFixedRate(this::writeOffLosses, LOSS_CHECK_MILLIS,
                LOSS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        running = false;
        if (lossCheck != null) {
            lossCheck.cancel(false);
        }
    }

    /** Called on the receiver's event loop for each packet delivered to it. */
    void onDelivered() {
        received++; // single writer: the receiver's event loop
        totalReceived.increment();
        if (waitingForWindow.get() && inFlight() < window / 2 && waitingForWindow.compareAndSet(true, false)) {
            sender.eventLoop().execute(this::pump);
        }
    }

    private long inFlight() {
        return sent - writtenOff - received;
    }

    private void pump() {
        if (!running || !sender.isOpen()) {
            return;
        }
        int n = 0;
        while (n < BATCH && sender.isWritable() && inFlight() < window) {
            sender.send(destination, packet);
            sent++;
            n++;
        }
        sender.flush();
        totalSent.add(n);
        if (inFlight() >= window) {
            waitingForWindow.set(true);
            if (inFlight() < window / 2 && waitingForWindow.compareAndSet(true, false)) {
                sender.eventLoop().execute(this::pump); // the receiver caught up meanwhile
            }
        } else if (sender.isWritable()) {
            sender.eventLoop().execute(this::pump);
        } else {
            sender.whenWritable(this::pump);
        }
    }

    private void writeOffLosses() {
        long r = received;
        if (waitingForWindow.get() && r == receivedAtLastCheck && inFlight() > 0) {
            writtenOff += inFlight();
            if (waitingForWindow.compareAndSet(true, false)) {
                pump();
            }
        }
        receivedAtLastCheck = r;
    }
}
