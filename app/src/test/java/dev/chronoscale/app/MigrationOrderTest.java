package dev.chronoscale.app;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' databases hold the migrations of the releases they ran, and Flyway refuses to apply one numbered below
 * what a database already has. So a new migration must be numbered above every released one, whichever module owns it.
 */
class MigrationOrderTest {

    /** The migrations of the released builds: add a migration's version here once a build with it is released. */
    private static final Set<Integer> RELEASED = Set.of(1, 2, 100, 200, 300);

    @Test
    void everyNewMigrationIsNumberedAboveTheReleasedOnes() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:migrations-" + UUID.randomUUID());
        List<Integer> versions = Arrays.stream(Flyway.configure().dataSource(data).locations("classpath:db/migration/common")
                .load().info().all()).map(MigrationInfo::getVersion).map(v -> Integer.parseInt(v.getVersion())).toList();
        int newestReleased = RELEASED.stream().mapToInt(Integer::intValue).max().orElseThrow();

        assertThat(versions).containsAll(RELEASED);
        assertThat(versions.stream().filter(v -> !RELEASED.contains(v)))
                .as("migrations added since the last release").allMatch(v -> v > newestReleased);
    }
}
