package dev.chronoscale.domain.event;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvent;
import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvent;
import dev.chronoscale.domain.tailnet.TailnetEvent;
import dev.chronoscale.domain.user.UserEvent;

import java.util.List;

/**
 * The sealed event families, one per aggregate; every {@link DomainEvent} implements exactly one. Kept apart
 * from {@code DomainEvent} so the families' packages, which all use the domain's root package, are not used by it.
 */
public final class EventFamilies {

    public static final List<Class<? extends DomainEvent>> ALL = List.of(NodeEvent.class, UserEvent.class,
            PolicyEvent.class, TailnetEvent.class, ApiKeyEvent.class, PreAuthKeyEvent.class);

    private EventFamilies() {
    }
}
