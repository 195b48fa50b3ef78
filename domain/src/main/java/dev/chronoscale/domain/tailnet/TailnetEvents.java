package dev.chronoscale.domain.tailnet;

/** Changes of tailnet-wide settings. {@code previous} is null the first time. */
public final class TailnetEvents {
    private TailnetEvents() {
    }

    public record TailnetConfigured(TailnetSettings previous, TailnetSettings current) {
    }
}
