package dev.chronoscale.history;

import java.time.Instant;

/**
 * The history projections' state after the event at {@code position}, or the part of it a question needs.
 * {@code eventTime} is the latest time of any event up to it (the log is ordered by position, not by time), so the
 * snapshot may start a replay to any instant at or after it; {@code events} is how many events of the log the
 * state was built from.
 */
record HistorySnapshot<S>(long position, Instant eventTime, long events, S state) {
}
