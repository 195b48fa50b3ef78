/**
 * {@code bench history}: writes (or reuses) a long generated history and measures what reading it costs, from the
 * raw scan of the events table to a full inventory rebuild and the inventory and netmap at instants of the past.
 */
package dev.chronoscale.tools.historybench;
