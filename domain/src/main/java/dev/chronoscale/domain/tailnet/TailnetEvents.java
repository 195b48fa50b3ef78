package dev.chronoscale.domain.tailnet;

import org.axonframework.serialization.Revision;

/** Changes of tailnet-wide settings. {@code previous} is null the first time. */
public final class TailnetEvents {
    private TailnetEvents() {
    }

    @Revision("1")
    public record TailnetConfigured(TailnetSettings previous, TailnetSettings current) implements TailnetEvent {
    }
}
