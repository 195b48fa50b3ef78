package dev.chronoscale.history;

import dev.chronoscale.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointInTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void readsRfc3339InAnyOffset() {
        assertThat(PointInTime.parse("2026-03-03T14:00:00Z", NOW)).isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(PointInTime.parse("2026-03-03T15:00:00+01:00", NOW)).isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(PointInTime.parse("2026-03-03T09:00:00.250-05:00", NOW)).isEqualTo(Instant.parse("2026-03-03T14:00:00.250Z"));
    }

    @Test
    void readsTimesBeforeNow() {
        assertThat(PointInTime.parse("-90s", NOW)).isEqualTo(NOW.minusSeconds(90));
        assertThat(PointInTime.parse("-30m", NOW)).isEqualTo(NOW.minusSeconds(1800));
        assertThat(PointInTime.parse("-2h", NOW)).isEqualTo(NOW.minusSeconds(7200));
        assertThat(PointInTime.parse("-7d", NOW)).isEqualTo(Instant.parse("2026-03-03T12:00:00Z"));
    }

    @Test
    void refusesTheFutureAndWhatIsNotAnInstant() {
        assertThatThrownBy(() -> PointInTime.parse("2026-03-10T12:00:01Z", NOW))
                .isInstanceOf(DomainException.class).hasMessageContaining("in the future");
        for (String bad : new String[] {"", "yesterday", "2026-03-03", "2026-03-03T14:00:00", "+2h", "-2w", "-h"}) {
            assertThatThrownBy(() -> PointInTime.parse(bad, NOW)).as(bad)
                    .isInstanceOf(DomainException.class).hasMessageContaining("is not an instant");
        }
    }
}
