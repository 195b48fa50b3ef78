package dev.chronoscale.gateway.map;

import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NodeClient;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EphemeralNodeReaperTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final Netmap netmap = new Netmap();
    private final EphemeralNodeReaper reaper =
            new EphemeralNodeReaper(new AuditedCommandSender(gateway), timers, Duration.ofMillis(20));

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    private static NetmapNode node(long id, boolean ephemeral) {
        return new NetmapNode(id, "mkey:" + "1".repeat(64), "nodekey:" + Long.toString(id).repeat(64).substring(0, 64),
                Optional.empty(), Optional.of(1L), List.of(), "h", "n" + id, Optional.empty(), Optional.empty(),
                Optional.empty(), ephemeral, List.of(), 0, List.of(), List.of(), Instant.EPOCH, NodeClient.UNKNOWN);
    }

    /** Lets every timer due by now run (the executor has one thread and runs them in order). */
    private void afterTimeout() throws Exception {
        timers.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }

    @Test
    void anEphemeralNodeThatNeverComesOnlineIsDeletedBySystem() throws Exception {
        netmap.addListener(reaper);
        netmap.joined(node(1, true));
        netmap.joined(node(2, false));
        afterTimeout();
        CommandMessage<?> sent = gateway.sent.poll(5, TimeUnit.SECONDS);
        assertThat(sent.getPayload()).isEqualTo(new DeleteNode(1));
        assertThat(AuditContext.fromMetadata(sent.getMetaData()).orElseThrow().reason())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("ephemeral node inactive"));
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void comingOnlineInTimeCancelsTheDeletionAndGoingOfflineStartsItAgain() throws Exception {
        netmap.addListener(reaper);
        netmap.joined(node(1, true));
        reaper.online(node(1, true), Optional.empty());
        afterTimeout();
        assertThat(gateway.sent).isEmpty();
        reaper.offline(node(1, true));
        afterTimeout();
        assertThat(gateway.sent.poll(5, TimeUnit.SECONDS).getPayload()).isEqualTo(new DeleteNode(1));
    }
}
