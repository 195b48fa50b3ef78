package dev.chronoscale.netmap.inventory;

import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.user.UserRole;

import java.util.Locale;
import java.util.Set;

/**
 * A person in the tailnet. Policies name users by e-mail or by login ({@code name}); a login without an
 * e-mail is written with a trailing {@code @} ({@code alice@}), as in Headscale, where every user token must
 * contain one. {@code roles} are the roles the user holds, for the policy's role autogroups.
 */
public record TailnetUser(long id, String name, String email, Set<UserRole> roles) {

    public TailnetUser {
        roles = Set.copyOf(roles);
    }

    public TailnetUser(long id, String name, String email) {
        this(id, name, email, Set.of());
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
