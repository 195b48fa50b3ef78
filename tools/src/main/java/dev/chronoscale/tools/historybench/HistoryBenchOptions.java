package dev.chronoscale.tools.historybench;

/**
 * What {@code bench history} measures: the store, the history to generate into it (unless {@code reuse} and it
 * already holds one), at how many instants, spread through the history, the inventory is asked for, and at how many
 * of the first of them the netmap (slower to replay: each change is compiled under the policy then in force).
 */
public record HistoryBenchOptions(HistoryStore.Location store, long events, int nodes, boolean reuse, int instants,
                                  int netmapInstants) {

    public HistoryBenchOptions {
        if (instants < 1 || netmapInstants < 0 || netmapInstants > instants) {
            throw new IllegalArgumentException("give --instants of at least 1 and --netmap-instants from 0 to --instants");
        }
    }
}
