package dev.chronoscale.app.config;

import dev.chronoscale.admin.login.IdpRoleMapping;
import dev.chronoscale.domain.user.UserRole;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code oidc.roles.*}: which identity-provider groups give which role at each login ({@code oidc.roles.admin},
 * {@code oidc.roles.network_admin}, {@code oidc.roles.auditor}, {@code oidc.roles.member}: lists of group names),
 * and the token claim the groups are read from ({@code oidc.roles.claim}, {@code groups} by default).
 */
final class IdpRoleKeys {

    static final List<String> KEYS = List.of("oidc.roles.claim", "oidc.roles.admin", "oidc.roles.network_admin",
            "oidc.roles.auditor", "oidc.roles.member");

    private IdpRoleKeys() {
    }

    static IdpRoleMapping read(ConfigValues values) {
        String claim = values.text("oidc.roles.claim", IdpRoleMapping.DEFAULT_CLAIM).trim();
        if (claim.isEmpty()) {
            throw new ConfigException("oidc.roles.claim", "must name the token claim that lists the groups");
        }
        Map<UserRole, Set<String>> groups = new EnumMap<>(UserRole.class);
        for (UserRole role : UserRole.values()) {
            String key = key(role);
            Set<String> names = new LinkedHashSet<>();
            for (String name : values.list(key)) {
                if (name.isBlank()) {
                    throw new ConfigException(key, "lists an empty group name");
                }
                names.add(name.trim());
            }
            if (!names.isEmpty()) {
                groups.put(role, names);
            }
        }
        return new IdpRoleMapping(claim, groups);
    }

    static String key(UserRole role) {
        return "oidc.roles." + role.wireName().replace('-', '_');
    }
}
