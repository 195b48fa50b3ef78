package dev.chronoscale.domain.tailnet;

import java.time.Instant;
import java.util.List;

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

    /** Records that the tailnet was seeded from another server; see {@code TailnetEvents.TailnetImported}. */
    public record RecordImport(String source, String sourceSchema, int users, int nodes, int preAuthKeys, int apiKeys,
                               boolean policy, List<String> notCarried) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return AGGREGATE_ID;
        }
    }

    /** Records that a report was generated; see {@code TailnetEvents.ReportGenerated}. */
    public record RecordReport(String kind, Instant from, Instant to, String format, String digest, String contentDigest,
                               long chainPosition, String schedule) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return AGGREGATE_ID;
        }
    }

    /** Records a refused login; see {@code TailnetEvents.LoginRefused}. */
    public record RecordLoginRefusal(String reason, String message, String subject, String authId) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return AGGREGATE_ID;
        }
    }
}
