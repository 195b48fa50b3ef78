package dev.chronoscale.app.server;

import dev.chronoscale.admin.groups.GroupDirectory;
import dev.chronoscale.admin.groups.IdpGroupSync;
import dev.chronoscale.admin.groups.KeycloakGroupDirectory;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/** Users' identity provider groups ({@code oidc.groups.*}): the sync, and the job that runs it. */
@Configuration(proxyBeanMethods = false)
public class GroupSyncConfiguration {

    @Bean
    IdpGroupSync idpGroupSync(ChronoscaleConfig config, AuditedCommandSender sender, InventoryQueries inventory) {
        Optional<GroupDirectory> directory = config.groupSync().keycloak()
                .map(keycloak -> new KeycloakGroupDirectory(keycloak.settings()));
        return new IdpGroupSync(directory, sender, inventory);
    }

    @Bean
    GroupSyncJob groupSyncJob(IdpGroupSync sync, ChronoscaleConfig config) {
        return new GroupSyncJob(sync, config.groupSync().interval());
    }
}
