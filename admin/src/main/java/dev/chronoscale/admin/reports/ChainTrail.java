package dev.chronoscale.admin.reports;

import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.compliance.evidence.ChainHead;
import dev.chronoscale.compliance.trail.AuditTrail;
import dev.chronoscale.compliance.trail.TrailRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The audit chain as the reports read it, caught up with the event log before each question. */
public final class ChainTrail implements AuditTrail {

    private final AuditTrailStore store;
    private final AuditChainFollower follower;

    public ChainTrail(AuditTrailStore store, AuditChainFollower follower) {
        this.store = store;
        this.follower = follower;
    }

    @Override
    public ChainHead headAt(Instant instant) {
        follower.catchUp();
        AuditTrailStore.Head head = store.headAt(instant);
        return new ChainHead(head.position(), head.hash());
    }

    @Override
    public void scan(Optional<Instant> after, Instant upTo, List<String> actions, List<String> actorTypes,
                     Consumer<TrailRecord> each) {
        follower.catchUp();
        store.forEach(after, upTo, actions, actorTypes, record -> each.accept(of(record)));
    }

    @Override
    public Map<String, TrailRecord> latestByTarget(String action, Instant upTo) {
        follower.catchUp();
        Map<String, TrailRecord> latest = new HashMap<>();
        store.latestByTarget(action, upTo).forEach((target, record) -> latest.put(target, of(record)));
        return latest;
    }

    private static TrailRecord of(ChainedRecord record) {
        return new TrailRecord(record.position(), record.record());
    }
}
