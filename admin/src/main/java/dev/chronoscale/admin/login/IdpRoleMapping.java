package dev.chronoscale.admin.login;

import dev.chronoscale.domain.user.UserRole;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which identity-provider groups give which role ({@code oidc.roles.admin: ["/chronoscale-admins"]}, ...), read from
 * the groups claim of the token ({@code oidc.roles.claim}, {@code groups} by default) or from a group sync. A group
 * matches by its exact name; Keycloak's full paths ({@code /ops}) and plain names are both just names here.
 */
public record IdpRoleMapping(String claim, Map<UserRole, Set<String>> groupsByRole) {

    public static final String DEFAULT_CLAIM = "groups";

    public IdpRoleMapping {
        Map<UserRole, Set<String>> copy = new EnumMap<>(UserRole.class);
        groupsByRole.forEach((role, groups) -> copy.put(role, Set.copyOf(groups)));
        groupsByRole = Map.copyOf(copy);
    }

    public static IdpRoleMapping none() {
        return new IdpRoleMapping(DEFAULT_CLAIM, Map.of());
    }

    public boolean isEmpty() {
        return groupsByRole.values().stream().allMatch(Set::isEmpty);
    }

    /** The roles these groups give. */
    public Set<UserRole> rolesFromGroups(Collection<String> groups) {
        Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
        groupsByRole.forEach((role, mapped) -> {
            if (groups.stream().anyMatch(mapped::contains)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** The roles the token's claims give: its {@link #claim()} as a list of names, or one name. */
    public Set<UserRole> rolesFromClaims(Map<String, ?> claims) {
        Object value = claims.get(claim);
        List<String> groups = switch (value) {
            case Collection<?> many -> many.stream().map(String::valueOf).toList();
            case String one -> List.of(one);
            case null, default -> List.of();
        };
        return rolesFromGroups(groups);
    }
}
