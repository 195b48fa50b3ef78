package dev.chronoscale.admin.login;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An API key's last use: kept to the minute, written at most once a minute per key, whoever writes it. */
class ApiKeyUsesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123456Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final JdbcTemplate jdbc = database();
    private final MovingClock clock = new MovingClock();
    private final ApiKeyUses uses = new ApiKeyUses(jdbc, clock);

    private static JdbcTemplate database() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:apikeyuses-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V331__api_key_last_seen.sql")).execute(data);
        return new JdbcTemplate(data);
    }

    private long writes() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM api_key_last_seen", Long.class);
    }

    @Test
    void aKeyNeverUsedHasNoLastSeen() {
        assertThat(uses.lastSeen("AAAAAAAAAAAA")).isEmpty();
    }

    @Test
    void usesWithinAMinuteOfTheLastWrittenOneAreNotWrittenAndLaterOnesAre() {
        uses.used("AAAAAAAAAAAA");
        assertThat(uses.lastSeen("AAAAAAAAAAAA")).contains(Instant.parse("2026-12-03T10:00:00.123Z"));

        clock.now = T0.plusSeconds(59);
        uses.used("AAAAAAAAAAAA");
        assertThat(uses.lastSeen("AAAAAAAAAAAA")).contains(Instant.parse("2026-12-03T10:00:00.123Z"));

        clock.now = T0.plusSeconds(61);
        uses.used("AAAAAAAAAAAA");
        assertThat(uses.lastSeen("AAAAAAAAAAAA")).contains(Instant.parse("2026-12-03T10:01:01.123Z"));
        assertThat(writes()).isEqualTo(1);
    }

    @Test
    void eachKeyHasItsOwnAndAnotherInstancesNewerUseIsNotOverwrittenByAnOlderOne() {
        ApiKeyUses other = new ApiKeyUses(jdbc, Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC));
        other.used("AAAAAAAAAAAA");
        uses.used("AAAAAAAAAAAA");
        uses.used("BBBBBBBBBBBB");

        assertThat(uses.lastSeen("AAAAAAAAAAAA")).contains(Instant.parse("2026-12-03T10:02:00.123Z"));
        assertThat(uses.lastSeen("BBBBBBBBBBBB")).contains(Instant.parse("2026-12-03T10:00:00.123Z"));
    }
}
