package dev.chronoscale.netmap.inventory;

import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.user.UserRole;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A person in the tailnet. Policies name users by e-mail or by login ({@code name}); a login without an
 * e-mail is written with a trailing {@code @} ({@code alice@}), as in Headscale, where every user token must
 * contain one. {@code roles} are the roles the user holds, for the policy's role autogroups; {@code idpGroups} are
 * the user's groups at the identity provider, as it names them.
 */
public record TailnetUser(long id, String name, String email, Set<UserRole> roles, List<String> idpGroups) {

    public TailnetUser {
        roles = Set.copyOf(roles);
        idpGroups = idpGroups == null ? List.of() : List.copyOf(idpGroups);
    }

    public TailnetUser(long id, String name, String email) {
        this(id, name, email, Set.of(), List.of());
    }

    /** Whether the user is in a role autogroup ({@code autogroup:admin}, ...): holds one of the roles it stands for. */
    public boolean isIn(Autogroup autogroup) {
        return autogroup.roles().stream().anyMatch(roles::contains);
    }

    public boolean isNamedBy(String login) {
        if (login.equalsIgnoreCase(email)) {
            return true;
        }
        String bare = login.endsWith("@") ? login.substring(0, login.length() - 1) : login;
        return !bare.isEmpty() && (bare.equalsIgnoreCase(name) || bare.equalsIgnoreCase(email));
    }

    /**
     * Whether the user is in the identity provider's group {@code group} or, for a path ({@code /ops}), in one of its
     * subgroups ({@code /ops/oncall}): Keycloak lists only direct memberships, and a subgroup's members inherit what
     * its parent grants. Names compare exactly, case included, as the provider gives them.
     */
    public boolean isInIdpGroup(String group) {
        return idpGroups.stream().anyMatch(own -> covers(group, own));
    }

    /** Whether membership of the provider's group {@code own} counts as membership of {@code named}. */
    public static boolean covers(String named, String own) {
        return own.equals(named) || (named.startsWith("/") && own.startsWith(named.endsWith("/") ? named : named + "/"));
    }

    /** Whether the policy's group lists this user, by login or through an identity provider group it names. */
    public boolean isInPolicyGroup(Policy policy, String group) {
        return policy.groups().getOrDefault(group, List.of()).stream().anyMatch(member -> isNamedBy(member.login()))
                || policy.idpGroupsOf(group).stream().anyMatch(this::isInIdpGroup);
    }

    /** The e-mail domain, lower case; empty when the user has no e-mail. */
    public String domain() {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public String localPart() {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
