package dev.chronoscale.auditexport.chain;

import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.checkpoint.Checkpoint;
import dev.chronoscale.auditexport.schema.AuditRecordJson;
import dev.chronoscale.auditexport.schema.AuditRecordMapper;
import dev.chronoscale.auditexport.schema.EventContext;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.eventlog.LoggedEvent;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Extends the chain with the events stored since its head, a page per transaction, and signs a
 * checkpoint at the end of each page.
 *
 * <p>Global indexes can have gaps: a rejected insert consumes a value, and a slower transaction may
 * commit a lower index after a higher one is visible. The appender therefore stops in front of a gap
 * until the event after it is older than {@code gapPatience}; after that the gap is taken as final.
 * Several servers may run appenders on one database: the primary keys let only one append a position,
 * the other's transaction fails and it simply tries again later.
 */
public final class AuditChainAppender {

    private final EventLog events;
    private final AuditTrailStore trail;
    private final AuditRecordMapper mapper;
    private final AuditSigningKey key;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration gapPatience;
    private final int pageSize;

    public AuditChainAppender(EventLog events, EventContext context, AuditTrailStore trail, AuditSigningKey key,
                              TransactionTemplate transactions, Clock clock, Duration gapPatience, int pageSize) {
        this.events = events;
        this.trail = trail;
        this.mapper = new AuditRecordMapper(context);
        this.key = key;
        this.transactions = transactions;
        this.clock = clock;
        this.gapPatience = gapPatience;
        this.pageSize = pageSize;
    }

    /** Appends everything available now; returns the number of records appended. */
    public synchronized long appendAvailable() {
        long total = 0;
        while (true) {
            Integer appended = transactions.execute(status -> appendPage());
            if (appended == null || appended == 0) {
                return total;
            }
            total += appended;
        }
    }

    private int appendPage() {
        AuditTrailStore.Head head = trail.head();
        List<LoggedEvent> page = events.after(head.globalIndex(), pageSize);
        long position = head.position();
        long globalIndex = head.globalIndex();
        String hash = head.hash();
        int appended = 0;
        for (LoggedEvent event : page) {
            boolean gap = event.position() != globalIndex + 1;
            if (gap && event.time().isAfter(clock.instant().minus(gapPatience))) {
                break;
            }
            var record = AuditRecordJson.write(mapper.map(event));
            String next = ChainHash.of(hash, record);
            position++;
            trail.append(new ChainedRecord(position, hash, next, record), event.position());
            hash = next;
            globalIndex = event.position();
            appended++;
        }
        if (appended > 0) {
            trail.saveCheckpoint(Checkpoint.sign(position, hash, clock.instant(), key));
        }
        return appended;
    }
}
