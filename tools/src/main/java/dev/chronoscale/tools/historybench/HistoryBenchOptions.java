package dev.chronoscale.tools.historybench;

/**
 * What {@code bench history} measures: the store, the history to generate into it (unless {@code reuse} and it
 * already holds one), at how many instants (drawn at random through the history) the inventory is asked for, and at
 * how many of them one node's netmap, the access matrix for one destination and the diff of the day before; with
 * {@code snapshotEvery} above 0, snapshots are taken every that many events first and the questions start from
 * them; {@code rebuild} times a full inventory rebuild too.
 */
public record HistoryBenchOptions(HistoryStore.Location store, long events, int nodes, boolean reuse, int instants,
                                  int netmapInstants, long snapshotEvery, boolean rebuild) {

    public HistoryBenchOptions {
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("give --snapshot-every of 0 (no snapshots) or more");
        }
        if (instants < 1 || netmapInstants < 0 || netmapInstants > instants) {
            throw new IllegalArgumentException("give --instants of at least 1 and --netmap-instants from 0 to --instants");
        }
    }
}
