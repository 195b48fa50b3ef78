package dev.chronoscale.domain.policy;

import org.axonframework.serialization.Revision;

/** Policy versions. The full text is kept so any past version can be shown, diffed and replayed. */
public final class PolicyEvents {
    private PolicyEvents() {
    }

    /** {@code previousSha256} is null for the first version. */
    @Revision("1")
    public record PolicyUpdated(long version, String text, String sha256, String previousSha256) implements PolicyEvent {
    }
}
