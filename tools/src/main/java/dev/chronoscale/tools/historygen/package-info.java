/**
 * Writes a long, realistic tailnet history (users, nodes, keys, policies and years of sessions) straight into an
 * event store with the server's own storage engine and serialiser, as the server's aggregates would have written
 * it, so that replays and time travel can be measured at scale.
 */
package dev.chronoscale.tools.historygen;
