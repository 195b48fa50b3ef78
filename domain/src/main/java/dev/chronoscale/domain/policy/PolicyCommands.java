package dev.chronoscale.domain.policy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The tailnet has one policy; each accepted text becomes its next version. */
public final class PolicyCommands {
    private PolicyCommands() {
    }

    public static final String AGGREGATE_ID = "policy";

    public record SetPolicy(String text) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return AGGREGATE_ID;
        }
    }
}
