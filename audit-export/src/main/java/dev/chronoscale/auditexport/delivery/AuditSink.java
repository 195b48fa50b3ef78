package dev.chronoscale.auditexport.delivery;

import dev.chronoscale.auditexport.chain.ChainedRecord;

import java.io.IOException;
import java.util.List;

/**
 * A destination for audit records. {@link #deliver} returns only when the receiver has accepted every
 * record of the batch; if it throws, the whole batch is sent again later (at least once, in order).
 * Receivers that can deduplicate use the record's event id as the key.
 */
public interface AuditSink extends AutoCloseable {

    /** The kind of sink, as configured: file, syslog, splunk_hec, elasticsearch, webhook. */
    String type();

    void deliver(List<ChainedRecord> records) throws IOException, InterruptedException;

    @Override
    default void close() {
    }
}
