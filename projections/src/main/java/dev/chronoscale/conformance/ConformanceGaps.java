package dev.chronoscale.conformance;

import java.util.Map;

/**
 * The one list of corpus cases Chronoscale knowingly does not reproduce, each with the reason. A listed
 * case is reported as a gap and counted as failed, never as passed.
 */
public final class ConformanceGaps {

    private static final Map<String, String> GAPS = Map.of();

    private ConformanceGaps() {
    }

    public static Map<String, String> all() {
        return GAPS;
    }
}
