package dev.chronoscale.domain;

import dev.chronoscale.domain.apikey.ApiKeyEvent;
import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvent;
import dev.chronoscale.domain.tailnet.TailnetEvent;
import dev.chronoscale.domain.user.UserEvent;

import java.util.List;

/**
 * Every event the write model records. Each aggregate has one sealed family ({@link #FAMILIES}); consumers
 * switch over a family exhaustively, so a new event type is a compile error in every consumer that neither
 * handles nor explicitly ignores it. Each event is a record carrying Axon's {@code @Revision}; how an event
 * may change is in docs/contributing.md ("Changing an event").
 *
 * <p>This interface itself cannot be sealed: Java seals across packages only inside a named module, and the
 * families live with their aggregates.
 */
public interface DomainEvent {

    /** The sealed families; every event implements exactly one. */
    List<Class<? extends DomainEvent>> FAMILIES = List.of(NodeEvent.class, UserEvent.class, PolicyEvent.class,
            TailnetEvent.class, ApiKeyEvent.class, PreAuthKeyEvent.class);
}
