package dev.chronoscale.netmap;

/**
 * Told of every netmap change, in event order, while the netmap's lock is held: nothing else
 * changes the netmap meanwhile. Must not block (hand slow work, such as network writes, to
 * another thread).
 */
@FunctionalInterface
public interface NetmapListener {

    void changed(NetmapChange change, NetmapView netmap);
}
