package dev.chronoscale.admin.migration;

import java.util.List;

/**
 * What an import did, or would do on a dry run: how much it carries, what it cannot carry (each with the reason),
 * what it carries with a difference ({@code notes}), and, when it was refused, why. {@code applied} is false on a
 * dry run and when refused.
 */
public record ImportOutcome(String source, boolean applied, int users, int nodes, int preAuthKeys, int apiKeys,
                            boolean policy, List<String> notCarried, List<String> notes, List<String> refusals) {

    public ImportOutcome {
        notCarried = List.copyOf(notCarried);
        notes = List.copyOf(notes);
        refusals = List.copyOf(refusals);
    }
}
