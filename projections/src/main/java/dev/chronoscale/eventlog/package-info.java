/**
 * The event log's one home: the migrations of Axon's tables and of the write side's own tables
 * ({@code unique_claim}, {@code id_counter}), the claims and ids kept in them, reading the stream from a
 * position as typed events, the head position, and the bounded replay ("every event from position A, or
 * from a snapshot, up to instant T"). Every reader of the log outside Axon's own processors goes through
 * here; nothing else names Axon's tables.
 */
package dev.chronoscale.eventlog;
