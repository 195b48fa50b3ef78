package dev.chronoscale.netmap.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PeerListTest {

    private static PeerView peer(long id, String name) {
        return new PeerView(id, name, List.of("100.64.0." + id + "/32"), List.of());
    }

    /** Random additions, replacements and removals, checked against a sorted map after every step. */
    @Test
    void behavesAsASortedListThroughManyEdits() {
        Random random = new Random(7);
        TreeMap<Long, PeerView> model = new TreeMap<>();
        PeerList list = PeerList.EMPTY;
        for (int step = 0; step < 5_000; step++) {
            list = randomEdit(random, 400, "n" + step, model, list);
            if (step % 97 == 0) {
                assertEquals(new ArrayList<>(model.values()), new ArrayList<>(list));
                assertEquals(List.copyOf(model.values()), list);
                for (long probe = 0; probe < 400; probe += 13) {
                    assertEquals(Optional.ofNullable(model.get(probe)), list.find(probe));
                }
                for (int i = 0; i < list.size(); i += 7) {
                    assertSame(List.copyOf(model.values()).get(i), list.get(i));
                }
            }
        }
    }

    @Test
    void editsLeaveTheOriginalAsItWas() {
        PeerList original = PeerList.of(List.of(peer(1, "a"), peer(3, "c")));
        PeerList added = original.with(peer(2, "b"));
        PeerList removed = original.without(1);
        assertEquals(List.of(peer(1, "a"), peer(3, "c")), original);
        assertEquals(List.of(peer(1, "a"), peer(2, "b"), peer(3, "c")), added);
        assertEquals(List.of(peer(3, "c")), removed);
        assertSame(original, original.without(2));
    }

    @Test
    void listsAreEqualByContentWhateverTheirChunks() {
        List<PeerView> peers = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            peers.add(peer(id, "n" + id));
        }
        PeerList whole = PeerList.of(peers);
        // Built up one by one, its chunks split elsewhere than the whole list's.
        PeerList builtUp = PeerList.EMPTY;
        for (PeerView view : peers.reversed()) {
            builtUp = builtUp.with(view);
        }
        assertEquals(whole, builtUp);
        assertEquals(builtUp, whole);
        assertEquals(whole.hashCode(), builtUp.hashCode());
        assertNotEquals(whole, whole.with(peer(150, "renamed")));
        assertNotEquals(whole, whole.without(150));
        assertNotEquals(whole.without(150), whole);
        assertEquals(whole.without(150), builtUp.without(150));
        assertNotEquals(whole.with(peer(150, "renamed")), whole);
        assertEquals(whole.with(peer(150, "renamed")), whole.with(peer(150, "renamed")));
    }

    @Test
    void compareReportsExactlyTheEntriesThatDiffer() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            TreeMap<Long, PeerView> before = new TreeMap<>();
            for (long id = 0; id < 500; id++) {
                if (random.nextInt(4) > 0) {
                    before.put(id, peer(id, "n" + id));
                }
            }
            // Derived lists share chunks with the original; from-scratch lists share none.
            PeerList beforeList = PeerList.of(List.copyOf(before.values()));
            TreeMap<Long, PeerView> after = new TreeMap<>(before);
            PeerList afterList = beforeList;
            for (int edit = random.nextInt(20); edit > 0; edit--) {
                afterList = randomEdit(random, 520, "changed" + edit, after, afterList);
            }
            List<String> expected = differences(before, after);
            assertEquals(expected, compared(beforeList, afterList));
            assertEquals(expected, compared(List.copyOf(before.values()), List.copyOf(after.values())));
        }
    }

    @Test
    void refusesPeersOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> PeerList.of(List.of(peer(2, "b"), peer(1, "a"))));
        assertThrows(IllegalArgumentException.class, () -> PeerList.of(List.of(peer(1, "a"), peer(1, "b"))));
    }

    /** Removes (one time in three) or puts a random peer, in the model and in the list alike. */
    private static PeerList randomEdit(Random random, int ids, String name, TreeMap<Long, PeerView> model,
                                       PeerList list) {
        long id = random.nextInt(ids);
        if (random.nextInt(3) == 0) {
            model.remove(id);
            return list.without(id);
        }
        PeerView view = peer(id, name);
        model.put(id, view);
        return list.with(view);
    }

    private static List<String> differences(TreeMap<Long, PeerView> before, TreeMap<Long, PeerView> after) {
        TreeMap<Long, String> out = new TreeMap<>();
        before.forEach((id, view) -> {
            if (after.get(id) != view) {
                out.put(id, id + ":" + (after.containsKey(id) ? "changed" : "removed"));
            }
        });
        after.keySet().stream().filter(id -> !before.containsKey(id)).forEach(id -> out.put(id, id + ":added"));
        return List.copyOf(out.values());
    }

    private static List<String> compared(List<PeerView> before, List<PeerView> after) {
        List<String> out = new ArrayList<>();
        PeerList.compare(before, after, (was, is) -> out.add((was != null ? was.id() : is.id()) + ":"
                + (was == null ? "added" : is == null ? "removed" : "changed")));
        return out;
    }
}
