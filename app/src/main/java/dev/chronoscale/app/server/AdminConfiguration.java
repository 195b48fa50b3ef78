package dev.chronoscale.app.server;

import dev.chronoscale.app.audit.AuditRoutes;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.gateway.admin.AdminCommandSender;
import dev.chronoscale.gateway.admin.ApiKeyAdmin;
import dev.chronoscale.gateway.admin.NodeAdmin;
import dev.chronoscale.gateway.admin.PendingRegistrations;
import dev.chronoscale.gateway.admin.PolicyAdmin;
import dev.chronoscale.gateway.admin.PreAuthKeyAdmin;
import dev.chronoscale.gateway.admin.RelayAdmission;
import dev.chronoscale.gateway.admin.UserAdmin;
import dev.chronoscale.gateway.api.AdminApi;
import dev.chronoscale.gateway.api.SystemRoutes;
import dev.chronoscale.gateway.http.CallerAuthenticator;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.http.Router;
import dev.chronoscale.gateway.http.TailscaleEndpoints;
import dev.chronoscale.gateway.map.MapSessionRegistry;
import dev.chronoscale.gateway.register.RegistrationPage;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryRebuilder;
import dev.chronoscale.netmap.LiveTailnet;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.PolicyTestEvaluator;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The admin use cases, the REST API over them, and the listener that serves it. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    AdminCommandSender adminCommandSender(CommandGateway commandGateway) {
        return new AdminCommandSender(commandGateway);
    }

    @Bean
    UserAdmin userAdmin(AdminCommandSender sender, InventoryQueries inventory, IdSequence ids) {
        return new UserAdmin(sender, inventory, ids);
    }

    @Bean
    PreAuthKeyAdmin preAuthKeyAdmin(AdminCommandSender sender, InventoryQueries inventory, IdSequence ids, Clock clock) {
        return new PreAuthKeyAdmin(sender, inventory, ids, clock);
    }

    @Bean
    ApiKeyAdmin apiKeyAdmin(AdminCommandSender sender, InventoryQueries inventory, IdSequence ids, Clock clock) {
        return new ApiKeyAdmin(sender, inventory, ids, clock);
    }

    @Bean
    NodeAdmin nodeAdmin(AdminCommandSender sender, InventoryQueries inventory, Clock clock) {
        return new NodeAdmin(sender, inventory, clock);
    }

    /** A policy's own tests run against the nodes and users the map streams are compiled from. */
    @Bean
    PolicyAdmin policyAdmin(AdminCommandSender sender, InventoryQueries inventory, TailscalePolicyValidator validator,
                            ChronoscaleConfig config, Netmap netmap, EventStore eventStore) {
        LiveTailnet tailnet = new LiveTailnet(netmap, () -> eventStore.createHeadToken().position().orElse(-1));
        return new PolicyAdmin(sender, inventory, validator,
                new PolicyTestEvaluator(new NetmapCompiler(config.serverUrl()), tailnet));
    }

    @Bean
    PendingRegistrations pendingRegistrations() {
        return new PendingRegistrations();
    }

    @Bean
    Router router(UserAdmin users, PreAuthKeyAdmin preAuthKeys, ApiKeyAdmin apiKeys, NodeAdmin nodes, PolicyAdmin policy,
                  PendingRegistrations pending, InventoryQueries inventory, InventoryRebuilder rebuilder, JdbcTemplate jdbc,
                  Clock clock, MapSessionRegistry mapSessions, RegistrationPage registrationPage,
                  AuditRoutes audit) {
        SystemRoutes system = new SystemRoutes(() -> databaseReachable(jdbc), Version.current(), rebuilder,
                new RelayAdmission(inventory, clock));
        // A node is online while it has a map stream open.
        AdminApi api = new AdminApi(users, preAuthKeys, apiKeys, nodes, policy, pending, inventory, mapSessions::isOnline, system);
        List<HttpRoute> routes = new ArrayList<>(api.routes());
        routes.add(registrationPage.route());
        routes.addAll(audit.routes());
        Router router = new Router(routes);
        system.describe(router::routes);
        return router;
    }

    @Bean
    CallerAuthenticator callerAuthenticator(ApiKeyAdmin apiKeys) {
        return (token, remote) -> apiKeys.authenticate(token)
                .map(key -> new AuditContext(ActorType.API_KEY, key.prefix(), remote, Optional.empty()));
    }

    @Bean
    ServerLifecycle serverLifecycle(ChronoscaleConfig config, Router router, CallerAuthenticator authenticator,
                                    StartupConfiguration startup, MetricsConfiguration.MetricsRoutes metrics,
                                    TailscaleEndpoints tailscale, DerpSetup derp) {
        return new ServerLifecycle(config, router, authenticator, startup, metrics, tailscale, derp);
    }

    @Bean
    StartupConfiguration startupConfiguration(ChronoscaleConfig config, AdminCommandSender sender, PolicyAdmin policy) {
        return new StartupConfiguration(config, sender, policy);
    }

    private static boolean databaseReachable(JdbcTemplate jdbc) {
        try {
            return Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
