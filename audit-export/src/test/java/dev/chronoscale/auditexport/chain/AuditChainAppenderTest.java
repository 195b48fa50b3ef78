package dev.chronoscale.auditexport.chain;

import dev.chronoscale.auditexport.AuditFixture;
import dev.chronoscale.auditexport.EventTable;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.verify.ExportVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainAppenderTest {

    private static final String RENAMED = AuditFixture.NODE + "NodeRenamed";
    private static final String META = "{\"actorType\":\"SYSTEM\",\"actorId\":\"chronoscale\"}";

    @TempDir
    Path dir;

    private static String rename(int i) {
        return "{\"nodeId\":1,\"oldName\":\"a" + i + "\",\"newName\":\"a" + (i + 1) + "\"}";
    }

    @Test
    void aGapIsWaitedForSoALateCommitIsChainedInItsPlace() {
        EventTable events = new EventTable();
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        AtomicReference<Instant> time = new AtomicReference<>(now);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.get();
            }
        };
        AuditTrailStore trail = new AuditTrailStore(events.jdbc);
        AuditChainAppender appender = new AuditChainAppender(events.log, events.context(), trail,
                AuditSigningKey.loadOrCreate(dir.resolve("key")), events.transactions, clock, Duration.ofSeconds(5), 100);
        events.storeAt(1, RENAMED, rename(1), "node-1", now, META);
        events.storeAt(2, RENAMED, rename(2), "node-1", now, META);
        events.storeAt(4, RENAMED, rename(4), "node-2", now, META);

        assertThat(appender.appendAvailable()).as("stops in front of the young gap at 3").isEqualTo(2);
        events.storeAt(3, RENAMED, rename(3), "node-3", now, META);
        assertThat(appender.appendAvailable()).isEqualTo(2);
        assertThat(trail.page(0, 10).stream().map(r -> r.record().path("source").path("globalIndex").asLong()).toList())
                .containsExactly(1L, 2L, 3L, 4L);

        events.storeAt(6, RENAMED, rename(6), "node-4", now, META);
        assertThat(appender.appendAvailable()).isZero();
        time.set(now.plusSeconds(6));
        assertThat(appender.appendAvailable()).as("an old gap is final").isEqualTo(1);
        assertThat(trail.head().position()).isEqualTo(5);
    }

    @Test
    void twoServersAppendingAtOnceBuildOneValidChain() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(200);
        AuditChainAppender other = new AuditChainAppender(fixture.events.log, fixture.events.context(), fixture.trail,
                fixture.key, fixture.events.transactions, Clock.systemUTC(), Duration.ofSeconds(5), 7);
        List<Thread> servers = new ArrayList<>();
        for (AuditChainAppender appender : List.of(fixture.appender, other)) {
            servers.add(Thread.ofPlatform().start(() -> {
                while (fixture.trail.head().position() < 200) {
                    try {
                        appender.appendAvailable();
                    } catch (RuntimeException lostTheRace) {
                        // the other server took this position first; as in AuditChainFollower, try again
                    }
                }
            }));
        }
        for (Thread server : servers) {
            server.join(60_000);
        }
        assertThat(fixture.trail.head().position()).isEqualTo(200);
        Path file = dir.resolve("export.jsonl");
        List<String> lines = new ArrayList<>();
        fixture.exporter.export(Optional.empty(), Optional.empty(), lines::add);
        Files.write(file, lines);
        assertThat(new ExportVerifier(Optional.of(fixture.key.publicKey())).verify(file).firstProblem()).isEmpty();
        assertThat(fixture.trail.page(0, 300).stream().map(r -> r.record().path("source").path("globalIndex").asLong()).toList())
                .isSorted().doesNotHaveDuplicates().hasSize(200);
    }
}
