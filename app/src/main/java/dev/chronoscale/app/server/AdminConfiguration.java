package dev.chronoscale.app.server;

import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.DebugNodes;
import dev.chronoscale.admin.HistoryDiff;
import dev.chronoscale.admin.NodeAdmin;
import dev.chronoscale.admin.PolicyAdmin;
import dev.chronoscale.admin.PolicyImpact;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.admin.api.AdminApi;
import dev.chronoscale.admin.api.AuditRoutes;
import dev.chronoscale.admin.api.DebugRoutes;
import dev.chronoscale.admin.api.EventStreamRoutes;
import dev.chronoscale.admin.api.HistoryRoutes;
import dev.chronoscale.admin.api.ImportRoutes;
import dev.chronoscale.admin.api.ReportRoutes;
import dev.chronoscale.admin.migration.TailnetImport;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.eventlog.JdbcIdSequence;
import dev.chronoscale.admin.reports.AuditKeySigner;
import dev.chronoscale.admin.reports.ChainTrail;
import dev.chronoscale.admin.reports.ReportAdmin;
import dev.chronoscale.admin.reports.ReportSchedule;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.reports.ReportGenerator;
import dev.chronoscale.compliance.reports.ReportSources;
import dev.chronoscale.admin.api.OperatorRouter;
import dev.chronoscale.admin.api.PermittedRoute;
import dev.chronoscale.admin.api.PolicyImpactRoutes;
import dev.chronoscale.admin.api.UserGroupRoutes;
import dev.chronoscale.admin.groups.IdpGroupSync;
import dev.chronoscale.admin.api.SystemRoutes;
import dev.chronoscale.admin.login.ApiKeyLogin;
import dev.chronoscale.admin.login.ApiKeyUses;
import dev.chronoscale.admin.login.IdpRoles;
import dev.chronoscale.admin.login.oidc.SshCheckLogin;
import dev.chronoscale.admin.login.OperatorLogin;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.http.OperatorDispatch;
import dev.chronoscale.gateway.http.Router;
import dev.chronoscale.gateway.http.TailscaleEndpoints;
import dev.chronoscale.gateway.map.MapStreaming;
import dev.chronoscale.gateway.map.Presence;
import dev.chronoscale.admin.login.oidc.OidcLogin;
import dev.chronoscale.admin.login.oidc.OidcProvider;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import dev.chronoscale.gateway.register.InteractiveLogins;
import dev.chronoscale.gateway.register.LoginAttempts;
import dev.chronoscale.gateway.register.PendingRegistrations;
import dev.chronoscale.gateway.register.RegistrationPage;
import dev.chronoscale.gateway.relay.RelayAdmission;
import dev.chronoscale.gateway.relay.RelayVerifyEndpoint;
import dev.chronoscale.history.HistorySnapshots;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryRebuilder;
import dev.chronoscale.netmap.LiveTailnet;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.PolicyTestEvaluator;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.chronoscale.admin.api.SshCheckRoutes;
import dev.chronoscale.admin.console.Console;
import dev.chronoscale.admin.console.ConsoleSettings;
import dev.chronoscale.gateway.sshcheck.SshCheckDecider;
import dev.chronoscale.gateway.sshcheck.SshCheckPage;
import dev.chronoscale.gateway.sshcheck.SshChecks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The admin use cases, the REST API over them, and the listener that serves it. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    AuditedCommandSender auditedCommandSender(CommandGateway commandGateway) {
        return new AuditedCommandSender(commandGateway);
    }

    @Bean
    UserAdmin userAdmin(AuditedCommandSender sender, InventoryQueries inventory, IdSequence ids) {
        return new UserAdmin(sender, inventory, ids);
    }

    /** What the OIDC login calls after each login, so the identity provider's groups give their mapped roles. */
    @Bean
    IdpRoles idpRoles(ChronoscaleConfig config, UserAdmin users) {
        return new IdpRoles(config.idpRoles(), users);
    }

    @Bean
    PreAuthKeyAdmin preAuthKeyAdmin(AuditedCommandSender sender, InventoryQueries inventory, IdSequence ids, Clock clock) {
        return new PreAuthKeyAdmin(sender, inventory, ids, clock);
    }

    @Bean
    ApiKeyAdmin apiKeyAdmin(AuditedCommandSender sender, InventoryQueries inventory, IdSequence ids, Clock clock) {
        return new ApiKeyAdmin(sender, inventory, ids, clock);
    }

    @Bean
    NodeAdmin nodeAdmin(AuditedCommandSender sender, InventoryQueries inventory, Clock clock) {
        return new NodeAdmin(sender, inventory, clock);
    }

    /** A policy's own tests run against the nodes and users the map streams are compiled from. */
    @Bean
    PolicyAdmin policyAdmin(AuditedCommandSender sender, InventoryQueries inventory, TailscalePolicyValidator validator,
                            ChronoscaleConfig config, Netmap netmap, EventLog eventLog) {
        LiveTailnet tailnet = new LiveTailnet(netmap, eventLog::headPosition);
        return new PolicyAdmin(sender, inventory, validator,
                new PolicyTestEvaluator(new NetmapCompiler(config.serverUrl()), tailnet));
    }

    @Bean
    TailnetImport tailnetImport(AuditedCommandSender sender, InventoryQueries inventory, JdbcIdSequence ids,
                                AddressAllocator addresses, PolicyAdmin policy) {
        return new TailnetImport(sender, inventory, ids, addresses, policy);
    }

    @Bean
    PendingRegistrations pendingRegistrations(InteractiveLogins logins) {
        return new PendingRegistrations(logins);
    }

    /** {@code debug create-node}: nodes with no client behind them, waiting to be registered like a login. */
    @Bean
    DebugNodes debugNodes(PendingRegistrations pending, UserAdmin users, AuditedCommandSender sender, IdSequence ids, Clock clock) {
        return new DebugNodes(pending, users, sender, ids, clock);
    }

    @Bean
    LoginAttempts loginAttempts(JdbcTemplate jdbc, Clock clock) {
        return new LoginAttempts(jdbc, clock);
    }

    /** OIDC login, when oidc.issuer is set; its listeners and other purposes are added to the OidcLogin it holds. */
    @Bean
    OidcLoginSetup oidcLoginSetup(ChronoscaleConfig config, LoginAttempts attempts, InteractiveLogins logins,
                                  UniquenessRegistry claims, InventoryQueries inventory, IdSequence ids,
                                  AuditedCommandSender sender, Clock clock, IdpRoles idpRoles, IdpGroupSync groupSync) {
        OidcLoginSetup setup = OidcLoginSetup.of(config.oidc(), settings -> new OidcProvider(settings, config.serverUrl(), clock),
                provider -> new OidcLogin(config.oidc().orElseThrow(), provider, attempts, logins, claims, inventory, ids,
                        sender, config.serverUrl(), clock));
        // A token with a groups claim sets the person's identity provider groups (source oidc-claim); a token without
        // one leaves the groups a Keycloak sync recorded.
        setup.login().ifPresent(login -> login.addListener((userId, verified, by) -> {
            if (verified.claims().containsKey("groups")) {
                groupSync.applyClaimGroups(userId, verified.groups(), by);
            }
        }));
        if (!config.idpRoles().isEmpty()) {
            // The identity provider's roles follow each login (oidc.roles.*); those an operator set stay.
            setup.login().ifPresent(login -> login.addListener((userId, verified, by) ->
                    idpRoles.applyIdpClaims(userId, verified.claims(), by)));
        }
        return setup;
    }

    @Bean
    Router<Principal> router(UserAdmin users, PreAuthKeyAdmin preAuthKeys, ApiKeyAdmin apiKeys, NodeAdmin nodes, PolicyAdmin policy,
                  PendingRegistrations pending, InventoryQueries inventory, InventoryRebuilder rebuilder, JdbcTemplate jdbc,
                  Clock clock, Presence presence, RegistrationPage registrationPage,
                  AuditRoutes audit, TailnetHistory history, MapStreaming streaming, AccessMatrix access,
                  Netmap netmap, AuditTrailStore auditTrail, AuditChainFollower auditFollower, ReportAdmin reports,
                  TailnetImport tailnetImport, ApiKeyUses apiKeyUses, ChronoscaleConfig config,
                  DebugNodes debugNodes, SshChecks sshChecks, SshCheckDecider sshCheckDecider, SshCheckPage sshCheckPage,
                  OidcLoginSetup oidc, IdpGroupSync groupSync, EventLog eventLog, ConsoleSetup console) {
        SystemRoutes system = new SystemRoutes(() -> databaseReachable(jdbc), Version.current(), rebuilder);
        // A node is online while it has a map stream open.
        AdminApi api = new AdminApi(users, preAuthKeys, apiKeys, nodes, policy, pending, inventory, presence::isOnline,
                history, system, apiKeyUses, config.policyMode() == ChronoscaleConfig.PolicyMode.FILE
                        ? AdminApi.PolicyWrites.FILE_MODE : AdminApi.PolicyWrites.ALLOWED, sshChecks, sshCheckDecider);
        List<HttpRoute<Principal>> routes = new ArrayList<>(api.routes());
        oidc.login().ifPresentOrElse(login -> login.routes().forEach(route -> routes.add(PermittedRoute.needs(Permission.PUBLIC, route))),
                () -> routes.add(PermittedRoute.needs(Permission.PUBLIC, registrationPage.route())));
        routes.add(PermittedRoute.needs(Permission.PUBLIC, sshCheckPage.route()));
        oidc.login().ifPresent(login -> routes.add(PermittedRoute.needs(Permission.PUBLIC,
                new SshCheckLogin(login, sshCheckDecider).route())));
        routes.addAll(new SshCheckRoutes(sshChecks, sshCheckDecider).routes());
        routes.add(PermittedRoute.needs(Permission.PUBLIC, new RelayVerifyEndpoint(new RelayAdmission(inventory, clock)).route()));
        routes.addAll(audit.routes());
        routes.addAll(new EventStreamRoutes(auditTrail, auditFollower).routes());
        routes.addAll(new HistoryRoutes(history, streaming.pastMaps(), access,
                new HistoryDiff(history, access, auditTrail, auditFollower)).routes());
        routes.addAll(new PolicyImpactRoutes(new PolicyImpact(policy, netmap, inventory, access)).routes());
        routes.addAll(new ReportRoutes(reports, history, clock, reportSchedules(config)).routes());
        routes.addAll(new ImportRoutes(tailnetImport).routes());
        routes.addAll(new DebugRoutes(debugNodes, inventory).routes());
        routes.addAll(new UserGroupRoutes(groupSync, new LiveTailnet(netmap, eventLog::headPosition), netmap, history).routes());
        console.console().ifPresent(c -> routes.addAll(c.routes()));
        Router<Principal> router = new Router<>(routes);
        system.describe(router::routes);
        return router;
    }

    /** {@code compliance.schedules} as the API lists them; the period only where a run uses it (ScheduledReports). */
    private static List<ReportSchedule> reportSchedules(ChronoscaleConfig config) {
        return config.compliance().schedules().stream().map(s -> new ReportSchedule(s.name(), s.kind(), s.cron(),
                s.kind().covers() == ReportKind.Covers.PERIOD || s.kind() == ReportKind.DEVICES ? Optional.of(s.period())
                        : Optional.empty(), s.formats(), s.webhookUrl().isPresent())).toList();
    }

    /** Reports name the tailnet by its MagicDNS domain, or by the server's URL when there is none. */
    @Bean
    ReportAdmin reportAdmin(TailnetHistory history, AccessMatrix access, EventLog eventLog, AuditTrailStore auditTrail,
                            AuditChainFollower auditFollower, AuditSigningKey key, AuditedCommandSender sender,
                            ChronoscaleConfig config, Clock clock) {
        ChainTrail trail = new ChainTrail(auditTrail, auditFollower);
        String tailnet = config.dns().baseDomain().isBlank() ? config.serverUrl() : config.dns().baseDomain();
        ReportSources sources = new ReportSources(history, access, eventLog, trail, tailnet, "Chronoscale", Version.current(),
                config.compliance().thresholds());
        return new ReportAdmin(new ReportGenerator(sources), new AuditKeySigner(key), sender, trail, clock);
    }

    @Bean
    ScheduledReports scheduledReports(ChronoscaleConfig config, ReportAdmin reports, Clock clock) {
        return new ScheduledReports(config.compliance().schedules(), reports, config.compliance().reportsDir(), clock);
    }

    @Bean
    AccessMatrix accessMatrix(ChronoscaleConfig config) {
        return new AccessMatrix(new NetmapCompiler(config.serverUrl()));
    }

    @Bean
    TailnetHistory tailnetHistory(@Qualifier("historyReplay") BoundedReplay replay, Clock clock, ChronoscaleConfig config, HistorySnapshots snapshots) {
        return new TailnetHistory(replay, clock, () -> new NetmapCompiler(config.serverUrl()), snapshots);
    }

    @Bean
    ApiKeyUses apiKeyUses(JdbcTemplate jdbc, Clock clock) {
        return new ApiKeyUses(jdbc, clock);
    }

    /** {@code console.enabled: false} serves no console path, and no request logs in with its cookie. */
    @Bean
    ConsoleSetup consoleSetup(ChronoscaleConfig config, JdbcTemplate jdbc, InventoryQueries inventory, OidcLoginSetup oidc,
                              Clock clock) {
        if (!config.console().enabled()) {
            return new ConsoleSetup(Optional.empty());
        }
        ConsoleSettings settings = new ConsoleSettings(config.console().sessionIdleTimeout(),
                config.console().sessionLifetime(), config.serverUrl());
        return new ConsoleSetup(Optional.of(new Console(settings, jdbc, new ApiKeyLogin(inventory, clock), inventory,
                oidc.login(), clock, Console.BUILD_FOLDER)));
    }

    @Bean
    OperatorDispatch operatorDispatch(Router<Principal> router, InventoryQueries inventory, ApiKeyUses apiKeyUses, Clock clock,
                                      ConsoleSetup console) {
        return new OperatorRouter(new OperatorLogin(new ApiKeyLogin(inventory, clock), console.credential()), apiKeyUses, router);
    }

    @Bean
    ServerLifecycle serverLifecycle(ChronoscaleConfig config, OperatorDispatch operator,
                                    StartupConfiguration startup, MetricsConfiguration.MetricsRoutes metrics,
                                    TailscaleEndpoints tailscale, DerpSetup derp) {
        return new ServerLifecycle(config, operator, startup, metrics, tailscale, derp);
    }

    @Bean
    StartupConfiguration startupConfiguration(ChronoscaleConfig config, AuditedCommandSender sender, PolicyAdmin policy) {
        return new StartupConfiguration(config, sender, policy);
    }

    @Bean
    PolicyFileReload policyFileReload(ChronoscaleConfig config, PolicyAdmin policy) {
        return new PolicyFileReload(config.policyMode() == ChronoscaleConfig.PolicyMode.FILE ? config.policyPath()
                : java.util.Optional.empty(), policy);
    }

    private static boolean databaseReachable(JdbcTemplate jdbc) {
        try {
            return Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
