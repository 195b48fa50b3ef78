package dev.chronoscale.domain.tailnet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tailnet-wide settings; recorded as events so past configurations are part of the history. */
public final class TailnetCommands {
    private TailnetCommands() {
    }

    public static final String AGGREGATE_ID = "tailnet";

    public record ConfigureTailnet(TailnetSettings settings) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return AGGREGATE_ID;
        }
    }
}
