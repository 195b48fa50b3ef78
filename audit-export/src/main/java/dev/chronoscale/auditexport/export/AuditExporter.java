package dev.chronoscale.auditexport.export;

import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainHash;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.checkpoint.Checkpoint;
import dev.chronoscale.auditexport.checkpoint.ExportSeal;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes an export: the contiguous run of chain positions whose records fall in [since, until), read a
 * page at a time, each line handed to {@code lines} as soon as it is made.
 */
public final class AuditExporter {

    private static final int PAGE = 500;

    private final AuditTrailStore trail;
    private final AuditSigningKey key;
    private final Clock clock;

    public AuditExporter(AuditTrailStore trail, AuditSigningKey key, Clock clock) {
        this.trail = trail;
        this.key = key;
        this.clock = clock;
    }

    /** Returns the number of records written. */
    public long export(Optional<Instant> since, Optional<Instant> until, Consumer<String> lines) {
        Instant now = clock.instant();
        Optional<long[]> range = trail.positionRange(since, until);
        long first = range.map(r -> r[0]).orElse(trail.head().position() + 1);
        long last = range.map(r -> r[1]).orElse(first - 1);
        String previousHash = first <= 1 ? ChainHash.GENESIS : trail.hashAt(first - 1).orElse(ChainHash.GENESIS);
        lines.accept(CanonicalJson.write(ExportLines.header(first, previousHash, key.publicKey().base64(), now)));
        long after = first - 1;
        String lastHash = previousHash;
        long written = 0;
        while (after < last) {
            List<ChainedRecord> page = trail.page(after, last, PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, Checkpoint> checkpoints = new HashMap<>();
            trail.checkpoints(page.get(0).position(), page.get(page.size() - 1).position())
                    .forEach(c -> checkpoints.put(c.position(), c));
            for (ChainedRecord link : page) {
                lines.accept(CanonicalJson.write(ExportLines.record(link)));
                Checkpoint checkpoint = checkpoints.get(link.position());
                if (checkpoint != null) {
                    lines.accept(CanonicalJson.write(ExportLines.checkpoint(checkpoint)));
                }
                after = link.position();
                lastHash = link.hash();
                written++;
            }
        }
        lines.accept(CanonicalJson.write(ExportLines.seal(ExportSeal.sign(first, previousHash, after, lastHash, now, key))));
        return written;
    }
}
