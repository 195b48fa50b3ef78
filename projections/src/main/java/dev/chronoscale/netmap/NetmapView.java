package dev.chronoscale.netmap;

import java.util.Collection;
import java.util.Optional;

/** Read access to the netmap's current state; valid only inside {@link Netmap#read} or a listener call. */
public interface NetmapView {

    Optional<NetmapNode> node(long id);

    Optional<NetmapNode> nodeByKey(String nodeKey);

    Collection<NetmapNode> nodes();

    Optional<NetmapUser> user(long id);
}
