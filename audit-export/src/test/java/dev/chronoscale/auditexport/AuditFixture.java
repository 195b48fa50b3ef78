package dev.chronoscale.auditexport;

import dev.chronoscale.auditexport.chain.AuditChainAppender;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.export.AuditExporter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A small tailnet's history in an event table, chained, ready to export. */
public final class AuditFixture {

    public static final String NODE = "dev.chronoscale.domain.node.NodeEvents$";
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    public final EventTable events = new EventTable();
    public final AuditTrailStore trail = new AuditTrailStore(events.jdbc);
    public final AuditSigningKey key;
    public final AuditChainAppender appender;
    public final AuditExporter exporter;

    public AuditFixture(Path dir) {
        key = AuditSigningKey.loadOrCreate(dir.resolve("audit_ed25519.key"));
        appender = new AuditChainAppender(events.log, events.context(), trail, key, events.transactions,
                Clock.systemUTC(), Duration.ofSeconds(5), 3);
        exporter = new AuditExporter(trail, key, Clock.systemUTC());
    }

    /** Stores {@code count} node registrations and renames, a minute apart. */
    public void history(int count) {
        for (int i = 0; i < count; i++) {
            Instant at = T0.plusSeconds(60L * i);
            if (i % 2 == 0) {
                events.store(NODE + "NodeRegistered", """
                        {"nodeId":%d,"machineKey":"mkey:%d","nodeKey":"nodekey:%d","userId":1,"tags":[],"hostname":"host%d",
                         "givenName":"host%d","ipv4":"100.64.0.%d","ipv6":null,"expiry":null,"ephemeral":false,
                         "preAuthKeyId":null,"registerMethod":"CLI"}""".formatted(i, i, i, i, i, i + 1), "node-" + i, at);
            } else {
                events.store(NODE + "NodeRenamed", """
                        {"nodeId":%d,"oldName":"host%d","newName":"renamed%d"}""".formatted(i - 1, i - 1, i - 1),
                        "node-" + (i - 1), at);
            }
        }
    }
}
