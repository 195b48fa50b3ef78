package dev.chronoscale.gateway.sshcheck;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the held requests of this instance when a check is decided here, so that they read the stored check at
 * once. A decision made on another instance is seen when a held request reads it again after its wait ran out.
 */
public final class SshCheckWakeUps {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition decided = lock.newCondition();

    public void decided() {
        lock.lock();
        try {
            decided.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until some check is decided on this instance, or {@code atMost} passed. */
    public void await(Duration atMost) throws InterruptedException {
        lock.lock();
        try {
            decided.awaitNanos(atMost.toNanos());
        } finally {
            lock.unlock();
        }
    }
}
