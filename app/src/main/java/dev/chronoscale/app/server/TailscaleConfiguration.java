package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.gateway.http.TailscaleEndpoints;
import dev.chronoscale.gateway.machine.MachineRequestHandler;
import dev.chronoscale.gateway.map.DnsSettings;
import dev.chronoscale.gateway.map.EphemeralNodeReaper;
import dev.chronoscale.gateway.map.MapPollEndpoint;
import dev.chronoscale.gateway.map.MapSettings;
import dev.chronoscale.gateway.map.MapStreaming;
import dev.chronoscale.gateway.map.Presence;
import dev.chronoscale.gateway.map.SessionRecorder;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import dev.chronoscale.gateway.register.InteractiveLogins;
import dev.chronoscale.gateway.register.NodeRegistrar;
import dev.chronoscale.gateway.register.PendingRegistrations;
import dev.chronoscale.gateway.register.PreAuthKeyCheck;
import dev.chronoscale.gateway.register.RegistrationPage;
import dev.chronoscale.gateway.relay.RelayAdmission;
import dev.chronoscale.gateway.sshcheck.SshActionEndpoint;
import dev.chronoscale.gateway.sshcheck.SshCheckDecider;
import dev.chronoscale.admin.login.oidc.SshCheckLogin;
import dev.chronoscale.gateway.sshcheck.SshCheckDecisions;
import dev.chronoscale.gateway.sshcheck.SshCheckPage;
import dev.chronoscale.gateway.sshcheck.SshCheckWakeUps;
import dev.chronoscale.gateway.sshcheck.SshChecks;
import dev.chronoscale.gateway.ts2021.ServerKeyEndpoint;
import dev.chronoscale.gateway.ts2021.Ts2021Upgrade;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapProjection;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What Tailscale clients talk to: the Noise key behind {@code /key} and {@code /ts2021}, node
 * registration, and the map streams fed by the in-memory netmap.
 */
@Configuration(proxyBeanMethods = false)
public class TailscaleConfiguration {

    /** How long one SSH action request is held before the client is told to ask again (it waits 30 minutes in all). */
    private static final java.time.Duration SSH_CHECK_HOLD = java.time.Duration.ofMinutes(1);

    /**
     * The netmap lives in memory: its tracking processor keeps its token in memory too, so each
     * start replays the event log into a fresh netmap.
     */
    @Bean
    ConfigurerModule netmapProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(NetmapProjection.PROCESSING_GROUP)
                .registerTokenStore(NetmapProjection.PROCESSING_GROUP, c -> new InMemoryTokenStore()));
    }

    @Bean(destroyMethod = "")
    DerpSetup derpSetup(ChronoscaleConfig config, InventoryQueries inventory, Clock clock) {
        return new DerpSetup(EmbeddedRelay.from(config, new RelayAdmission(inventory, clock)));
    }

    /** SSH {@code check} rules in the policy make clients call back to the server URL. */
    @Bean
    Netmap netmap(ChronoscaleConfig config) {
        return new Netmap(new NetmapCompiler(config.serverUrl()));
    }

    @Bean
    NetmapProjection netmapProjection(Netmap netmap) {
        return new NetmapProjection(netmap);
    }

    @Bean
    ServerNoiseKey serverNoiseKey(ChronoscaleConfig config) {
        try {
            return ServerNoiseKey.loadOrCreate(config.noisePrivateKeyPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the Noise key " + config.noisePrivateKeyPath(), e);
        }
    }

    /** Timers of the map side: reconnect grace periods and ephemeral node deletion. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService mapTimers() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("map-timers").daemon().factory());
    }

    @Bean
    MapStreaming mapStreaming(Netmap netmap, ChronoscaleConfig config, Clock clock,
                              @Qualifier("mapTimers") ScheduledExecutorService mapTimers,
                              AuditedCommandSender commands,
                              @Qualifier("sessionRecording") ExecutorService sessionRecording,
                              DerpSetup derp) {
        ChronoscaleConfig.Dns dns = config.dns();
        MapSettings settings = new MapSettings(dns.baseDomain(), new DnsSettings(dns.magicDns(), dns.globalNameservers(),
                dns.overrideLocalDns(), dns.splitNameservers(), dns.domains(), dns.extraRecords()),
                config.taildropEnabled(), derp.derpMap(DerpMapSources.load(config.derp())), MapSettings.DEFAULT_KEEP_ALIVE,
                MapSettings.DEFAULT_RECONNECT_GRACE, config.batchChangeDelay());
        MapStreaming streaming = new MapStreaming(netmap, BasePeerRule.ALLOW_ALL, settings, clock, mapTimers);
        EphemeralNodeReaper reaper = new EphemeralNodeReaper(commands, mapTimers, config.ephemeralInactivityTimeout());
        netmap.addListener(reaper);
        streaming.presence().addListener(reaper);
        streaming.presence().addListener(new SessionRecorder(commands, sessionRecording));
        return streaming;
    }

    /** Follows {@code dns.extra_records_path}, when set: a change of the file reaches every node. */
    @Bean
    ExtraRecordsWatcher extraRecordsWatcher(ChronoscaleConfig config, MapStreaming streaming) {
        return new ExtraRecordsWatcher(config.dns().extraRecordsPath(), streaming::replaceExtraRecords);
    }

    /** Which nodes are online: while they have a map stream open, and for the reconnect grace after. */
    @Bean
    Presence presence(MapStreaming streaming) {
        return streaming.presence();
    }

    /** One thread, so session events are recorded in the order sessions started and ended. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService sessionRecording() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("session-recording").daemon().factory());
    }

    /** The interactive logins, rows of the shared database, so any instance can decide and answer them. */
    @Bean(destroyMethod = "close")
    InteractiveLogins interactiveLogins(JdbcTemplate jdbc, ChronoscaleConfig config, Clock clock) {
        return new InteractiveLogins(jdbc, config.serverUrl(), clock);
    }

    @Bean
    RegistrationPage registrationPage(PendingRegistrations pending) {
        return new RegistrationPage(pending);
    }

    @Bean
    SshChecks sshChecks(JdbcTemplate jdbc) {
        return new SshChecks(jdbc);
    }

    @Bean
    SshCheckWakeUps sshCheckWakeUps() {
        return new SshCheckWakeUps();
    }

    /** Administrators decide SSH checks through it; so does the OIDC login, as {@link SshCheckDecisions}. */
    @Bean
    SshCheckDecider sshCheckDecider(SshChecks checks, AuditedCommandSender commands, SshCheckWakeUps wakeUps, Clock clock) {
        return new SshCheckDecider(checks, commands, wakeUps, clock);
    }

    /** With OIDC login, the page links to the re-authentication (admin.login.oidc.SshCheckLogin); always the administrator's command. */
    @Bean
    SshCheckPage sshCheckPage(SshChecks checks, Netmap netmap, ChronoscaleConfig config) {
        String serverUrl = config.serverUrl().replaceAll("/+$", "");
        return new SshCheckPage(checks, netmap, config.oidc().isPresent()
                ? checkId -> Optional.of(serverUrl + SshCheckLogin.startPath(checkId))
                : SshCheckPage.Reauthentication.NONE);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService machineRequestWorkers() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean
    TailscaleEndpoints tailscaleEndpoints(ServerNoiseKey key, InventoryQueries inventory,
                                          IdSequence ids, AuditedCommandSender commands, InteractiveLogins logins,
                                          Netmap netmap, MapStreaming sessions, ChronoscaleConfig config,
                                          Clock clock, @Qualifier("machineRequestWorkers") ExecutorService machineRequestWorkers,
                                          EventLog eventLog, SshChecks sshChecks, SshCheckWakeUps sshCheckWakeUps) {
        NodeRegistrar registrar = new NodeRegistrar(inventory, new PreAuthKeyCheck(inventory, clock), ids, commands, logins,
                clock, config.nodeExpiry(), config.approval());
        MapPollEndpoint maps = new MapPollEndpoint(inventory, netmap, sessions, commands,
                eventLog::headPosition);
        SshActionEndpoint sshActions = new SshActionEndpoint(netmap, sshChecks, sshCheckWakeUps, clock, config.serverUrl(),
                SSH_CHECK_HOLD);
        MachineRequestHandler machines = new MachineRequestHandler(registrar, maps, sshActions, machineRequestWorkers);
        return new TailscaleEndpoints(new ServerKeyEndpoint(key), new Ts2021Upgrade(key, machines));
    }
}
