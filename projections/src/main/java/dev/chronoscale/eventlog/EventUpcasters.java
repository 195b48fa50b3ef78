package dev.chronoscale.eventlog;

import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.util.List;

/**
 * The upcasters of events whose stored shape changed, oldest revision first: the one list both the server's
 * storage engine (through a bean in {@code app}) and {@link JdbcEventStorage}'s engine for tools read events
 * through. No event has changed shape yet; docs/contributing.md ("Changing an event") says how one does.
 */
public final class EventUpcasters {

    public static final List<EventUpcaster> ALL = List.of();

    private EventUpcasters() {
    }
}
