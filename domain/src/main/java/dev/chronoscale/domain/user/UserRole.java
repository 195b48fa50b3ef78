package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A role a user (or an API key) carries, by the name the CLI, the API, the configuration and the stored events use.
 * What each role may do is the admin module's permission table; which policy {@code autogroup:} each stands for is
 * the policy compiler's.
 */
public enum UserRole {
    ADMIN("admin"),
    NETWORK_ADMIN("network-admin"),
    AUDITOR("auditor"),
    MEMBER("member");

    private final String wireName;

    UserRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static UserRole parse(String text) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(text == null ? null : text.trim())).findFirst()
                .orElseThrow(() -> DomainException.invalid("unknown role '" + text + "'; roles are "
                        + Arrays.stream(values()).map(UserRole::wireName).collect(Collectors.joining(", "))));
    }

    public static Set<UserRole> parseAll(Collection<String> names) {
        Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
        names.forEach(name -> roles.add(parse(name)));
        return roles;
    }

    /** The names in the declared order, as events store them. */
    public static List<String> wireNames(Collection<UserRole> roles) {
        return roles.stream().sorted().map(UserRole::wireName).toList();
    }
}
