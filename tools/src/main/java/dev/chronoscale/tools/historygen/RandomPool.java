package dev.chronoscale.tools.historygen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** A set with constant-time add, remove and uniform random pick, for choosing which node or key changes next. */
final class RandomPool<T> {

    private final List<T> items = new ArrayList<>();
    private final Map<T, Integer> index = new HashMap<>();

    void add(T item) {
        if (index.putIfAbsent(item, items.size()) == null) {
            items.add(item);
        }
    }

    void remove(T item) {
        Integer at = index.remove(item);
        if (at == null) {
            return;
        }
        T last = items.remove(items.size() - 1);
        if (at < items.size()) {
            items.set(at, last);
            index.put(last, at);
        }
    }

    Optional<T> pick(Random random) {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(random.nextInt(items.size())));
    }

    boolean contains(T item) {
        return index.containsKey(item);
    }

    int size() {
        return items.size();
    }

    List<T> items() {
        return List.copyOf(items);
    }
}
