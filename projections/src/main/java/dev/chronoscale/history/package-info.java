/**
 * Time travel: the tailnet at any instant that has passed, computed from the event log with
 * {@link dev.chronoscale.eventlog.BoundedReplay} into fresh projections (the live projections' own handlers),
 * so that the past and the present are read with the same code. {@link dev.chronoscale.history.PointInTime}
 * reads the instants users write.
 */
package dev.chronoscale.history;
