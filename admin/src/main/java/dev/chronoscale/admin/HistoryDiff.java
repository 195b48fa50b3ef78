package dev.chronoscale.admin;

import dev.chronoscale.auditexport.chain.AuditQuery;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.history.EntityChange;
import dev.chronoscale.history.InventoryAt;
import dev.chronoscale.history.InventoryDiff;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.history.UnifiedDiff;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed between two instants: the users, nodes and keys that differ, the policy as a unified diff, the access
 * gained and lost, and for each change the audit records of the window that caused it (event, actor, time, reason).
 */
public final class HistoryDiff {

    /** A window with more events than this names the first ones only; the state comparison is always complete. */
    static final int MAX_EVENTS = 100_000;
    private static final int PAGE = 1000;

    private final TailnetHistory history;
    private final AccessMatrix access;
    private final AuditTrailStore trail;
    private final AuditChainFollower follower;

    public HistoryDiff(TailnetHistory history, AccessMatrix access, AuditTrailStore trail, AuditChainFollower follower) {
        this.history = history;
        this.access = access;
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
        if (to.isBefore(from)) {
            throw DomainException.invalid("to (" + to + ") is before from (" + from + ")");
        }
        List<EntityChange> changes;
        Optional<PolicyView> policyBefore;
        Optional<PolicyView> policyAfter;
        try (InventoryAt before = history.inventoryAt(from); InventoryAt after = history.inventoryAt(to)) {
            changes = InventoryDiff.between(before.queries(), after.queries());
            policyBefore = before.queries().policy();
            policyAfter = after.queries().policy();
        }
        NetmapAt netmapBefore = history.netmapAt(from);
        NetmapAt netmapAfter = history.netmapAt(to);
        AccessChange accessChange = AccessChange.between(accessRows(netmapBefore), accessRows(netmapAfter));

        List<ChainedRecord> window = window(from, to);
        List<Change> attributed = new ArrayList<>();
        for (EntityChange change : changes) {
            attributed.add(new Change(change, window.stream().filter(r -> targets(r, change.kind(), change.id())).toList()));
        }
        String diff = UnifiedDiff.of(policyBefore.map(PolicyView::text).orElse(""), policyAfter.map(PolicyView::text).orElse(""),
                "policy@" + from, "policy@" + to);
        PolicyChange policy = new PolicyChange(policyBefore, policyAfter, diff,
                window.stream().filter(r -> r.record().path("target").path("type").asText().equals("policy")).toList());
        return new Result(from, to, attributed, policy, accessChange, window.size(), window.size() >= MAX_EVENTS);
    }

    private List<dev.chronoscale.netmap.access.AccessRow> accessRows(NetmapAt at) {
        return access.rowsInForce(at.netmap().policy(), at.policyText(), at.netmap().tailnet());
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
