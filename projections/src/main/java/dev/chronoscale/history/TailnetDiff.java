package dev.chronoscale.history;

import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.netmap.access.AccessChange;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.access.AccessRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What differs between the tailnet at two instants: the users, nodes and keys that were added, removed or changed,
 * the policy's text as a unified diff, and the access gained and lost. Each instant is one replay of the log.
 */
public final class TailnetDiff {

    private final TailnetHistory history;
    private final AccessMatrix access;

    public TailnetDiff(TailnetHistory history, AccessMatrix access) {
        this.history = history;
        this.access = access;
    }

    /** {@code policyDiff} is empty when the policy's text did not change. */
    public record Result(Instant from, Instant to, List<EntityChange> changes, Optional<PolicyView> policyBefore,
                         Optional<PolicyView> policyAfter, String policyDiff, AccessChange access) {

        public Result {
            changes = List.copyOf(changes);
        }
    }

    public Result between(Instant from, Instant to) {
        new TimeWindow(from, to);
        // The two instants are independent replays: the earlier one runs on a second core meanwhile, on a thread of
        // its own that, unlike a pool's, has the caller's context class loader.
        CompletableFuture<Side> earlier = CompletableFuture.supplyAsync(() -> side(from),
                task -> Thread.ofPlatform().name("history-diff").daemon(true).start(task));
        Side later;
        try {
            later = side(to);
        } catch (RuntimeException e) {
            earlier.thenAccept(Side::close);
            throw e;
        }
        try (Side after = later; Side before = join(earlier)) {
            List<EntityChange> changes = InventoryDiff.between(before.tailnet().inventory().queries(),
                    after.tailnet().inventory().queries());
            Optional<PolicyView> policyBefore = before.tailnet().inventory().queries().policy();
            Optional<PolicyView> policyAfter = after.tailnet().inventory().queries().policy();
            String diff = UnifiedDiff.of(policyBefore.map(PolicyView::text).orElse(""),
                    policyAfter.map(PolicyView::text).orElse(""), "policy@" + from, "policy@" + to);
            return new Result(from, to, changes, policyBefore, policyAfter, diff,
                    AccessChange.between(before.access(), after.access()));
        }
    }

    /** One instant: the tailnet and its access matrix. */
    private record Side(TailnetAt tailnet, List<AccessRow> access) implements AutoCloseable {
        @Override
        public void close() {
            tailnet.close();
        }
    }

    private Side side(Instant instant) {
        TailnetAt tailnet = history.tailnetAt(instant);
        try {
            NetmapAt netmap = tailnet.netmap();
            return new Side(tailnet, access.rowsInForce(netmap.netmap().policy(), netmap.policyText(), netmap.netmap().tailnet()));
        } catch (RuntimeException e) {
            tailnet.close();
            throw e;
        }
    }

    private static Side join(CompletableFuture<Side> side) {
        try {
            return side.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
