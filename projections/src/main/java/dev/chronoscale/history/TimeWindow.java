package dev.chronoscale.history;

import dev.chronoscale.domain.DomainException;

import java.time.Instant;
import java.util.Optional;

/** From one instant to another, the second not before the first: what a diff or an events query covers. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        if (to.isBefore(from)) {
            throw DomainException.invalid("to (" + to + ") is before from (" + from + ")");
        }
    }

    /** Both ends as users write instants ({@link PointInTime}); without {@code to}, the window ends {@code now}. */
    public static TimeWindow parse(String from, Optional<String> to, Instant now) {
        return new TimeWindow(PointInTime.parse(from, now), to.map(text -> PointInTime.parse(text, now)).orElse(now));
    }
}
