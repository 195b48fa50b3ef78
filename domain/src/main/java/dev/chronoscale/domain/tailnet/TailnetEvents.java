package dev.chronoscale.domain.tailnet;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** Changes of tailnet-wide settings. {@code previous} is null the first time. */
public final class TailnetEvents {
    private TailnetEvents() {
    }

    @Revision("1")
    public record TailnetConfigured(TailnetSettings previous, TailnetSettings current) implements TailnetEvent {
    }

    /**
     * A compliance report was generated (the generation is itself part of the audit trail): which report, for which
     * period ({@code from} null for a report at an instant), in which format, its digests, the audit-chain position it
     * was computed from, and the schedule that ran it (null when a person asked).
     */
    @Revision("1")
    public record ReportGenerated(String kind, Instant from, Instant to, String format, String digest,
                                  String contentDigest, long chainPosition, String schedule) implements TailnetEvent {
    }

    /**
     * The tailnet was seeded from another control server's database (each user, node and key is its own event
     * before this one): the source ({@code headscale sqlite:/path}), the source's schema version (its last
     * migration), what was carried, and what could not be, each with the reason.
     */
    @Revision("1")
    public record TailnetImported(String source, String sourceSchema, int users, int nodes, int preAuthKeys,
                                  int apiKeys, boolean policy, List<String> notCarried) implements TailnetEvent {
        public TailnetImported {
            notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        }
    }

    /**
     * A login through the OIDC provider was refused, with why ({@code reason}, a short code such as
     * {@code not_allowed_domain}) and what the person was told ({@code message}). {@code subject} is the verified
     * {@code iss/sub} when the provider's token was valid, else null; {@code authId} the pending login the attempt
     * named, else null. Never a token, code or verifier.
     */
    @Revision("1")
    public record LoginRefused(String reason, String message, String subject, String authId) implements TailnetEvent {
    }
}
