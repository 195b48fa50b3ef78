package dev.chronoscale.compliance.document;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a report is about and where it comes from. {@code from} is empty for a report at an instant ({@code to} is that
 * instant). {@code chainPosition} and {@code chainHash} name the last audit record at or before {@code to}: the
 * report was computed from the chain up to there. {@code parameters} are the thresholds and options it used.
 */
public record ReportHeader(String kind, String title, String tailnet, Optional<Instant> from, Instant to,
                           String server, String version, long chainPosition, String chainHash,
                           Map<String, String> parameters) {

    public ReportHeader {
        parameters = Map.copyOf(new TreeMap<>(parameters));
    }

    /** The period as the documents write it: {@code at 2026-03-03T14:00:00Z} or {@code from ... to ...}. */
    public String period() {
        return from.map(f -> "from " + f + " to " + to).orElse("at " + to);
    }

    /** The parameters in name order, as every format writes them. */
    public Map<String, String> sortedParameters() {
        return new TreeMap<>(parameters);
    }
}
