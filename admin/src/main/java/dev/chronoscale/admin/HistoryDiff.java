package dev.chronoscale.admin;

import dev.chronoscale.auditexport.chain.AuditQuery;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.history.EntityChange;
import dev.chronoscale.history.TailnetDiff;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed between two instants ({@link TailnetDiff}: the users, nodes and keys that differ, the policy as a
 * unified diff, the access gained and lost), and for each change the audit records of the window that caused it
 * (event, actor, time, reason).
 */
public final class HistoryDiff {

    /** A window with more events than this names the first ones only; the state comparison is always complete. */
    static final int MAX_EVENTS = 100_000;
    private static final int PAGE = 1000;

    private final TailnetDiff tailnetDiff;
    private final AuditTrailStore trail;
    private final AuditChainFollower follower;

    public HistoryDiff(TailnetHistory history, AccessMatrix access, AuditTrailStore trail, AuditChainFollower follower) {
        this.tailnetDiff = new TailnetDiff(history, access);
        this.trail = trail;
        this.follower = follower;
    }

    public record Change(EntityChange change, List<ChainedRecord> events) {
    }

    public record PolicyChange(Optional<PolicyView> before, Optional<PolicyView> after, String diff,
                               List<ChainedRecord> events) {
    }

    public record Result(Instant from, Instant to, List<Change> changes, PolicyChange policy, AccessChange access,
                         int events, boolean eventsTruncated) {
    }

    public Result between(Instant from, Instant to) {
        TailnetDiff.Result state = tailnetDiff.between(from, to);
        List<ChainedRecord> window = window(from, to);
        List<Change> attributed = new ArrayList<>();
        for (EntityChange change : state.changes()) {
            attributed.add(new Change(change, window.stream().filter(r -> targets(r, change.kind(), change.id())).toList()));
        }
        PolicyChange policy = new PolicyChange(state.policyBefore(), state.policyAfter(), state.policyDiff(),
                window.stream().filter(r -> r.record().path("target").path("type").asText().equals("policy")).toList());
        return new Result(from, to, attributed, policy, state.access(), window.size(), window.size() >= MAX_EVENTS);
    }

    /** The audit records after {@code from} up to {@code to}, at the trail's millisecond precision. */
    private List<ChainedRecord> window(Instant from, Instant to) {
        follower.catchUp();
        Optional<Instant> since = Optional.of(from.truncatedTo(ChronoUnit.MILLIS).plusMillis(1));
        Optional<Instant> until = Optional.of(to.truncatedTo(ChronoUnit.MILLIS).plusMillis(1));
        List<ChainedRecord> out = new ArrayList<>();
        long after = 0;
        while (out.size() < MAX_EVENTS) {
            List<ChainedRecord> page = trail.find(new AuditQuery(since, until, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), after, Math.min(PAGE, MAX_EVENTS - out.size())));
            out.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).position();
        }
        return out;
    }

    private static boolean targets(ChainedRecord record, String kind, long id) {
        return record.record().path("target").path("type").asText().equals(kind)
                && record.record().path("target").path("id").asText().equals(String.valueOf(id));
    }
}
