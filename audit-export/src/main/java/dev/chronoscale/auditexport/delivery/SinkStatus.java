package dev.chronoscale.auditexport.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * How far a sink has come. {@code lag} is the number of records in the trail it has not delivered yet;
 * {@code failures} counts failed delivery attempts since the server started.
 */
public record SinkStatus(String name, String type, long deliveredPosition, Optional<String> deliveredEventId,
                         long headPosition, long lag, long delivered, long failures, Optional<String> lastError,
                         Optional<Instant> lastErrorAt, Optional<Instant> nextAttemptAt) {

    public boolean healthy() {
        return nextAttemptAt.isEmpty();
    }
}
