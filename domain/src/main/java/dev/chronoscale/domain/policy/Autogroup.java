package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.user.UserRole;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The {@code autogroup:} names Tailscale defines. */
public enum Autogroup {
    MEMBER("member"),
    TAGGED("tagged"),
    SELF("self"),
    INTERNET("internet"),
    NONROOT("nonroot"),
    DANGER_ALL("danger-all"),
    ADMIN("admin"),
    OWNER("owner"),
    IT_ADMIN("it-admin"),
    NETWORK_ADMIN("network-admin"),
    BILLING_ADMIN("billing-admin"),
    AUDITOR("auditor"),
    SHARED("shared");

    private final String suffix;

    Autogroup(String suffix) {
        this.suffix = suffix;
    }

    public String aliasText() {
        return "autogroup:" + suffix;
    }

    /** An autogroup that stands for the users holding certain roles, rather than for devices. */
    public boolean isRole() {
        return switch (this) {
            case ADMIN, OWNER, IT_ADMIN, NETWORK_ADMIN, BILLING_ADMIN, AUDITOR -> true;
            default -> false;
        };
    }

    /**
     * The roles whose holders a role autogroup stands for. Chronoscale has no single owner and no IT-admin role:
     * its admins hold both, so {@code autogroup:owner} and {@code autogroup:it-admin} are the admins; it has no
     * billing, so {@code autogroup:billing-admin} is nobody. Empty for the autogroups that are not roles.
     */
    public Set<UserRole> roles() {
        return switch (this) {
            case ADMIN, OWNER, IT_ADMIN -> Set.of(UserRole.ADMIN);
            case NETWORK_ADMIN -> Set.of(UserRole.NETWORK_ADMIN);
            case AUDITOR -> Set.of(UserRole.AUDITOR);
            default -> Set.of();
        };
    }

    public static Optional<Autogroup> fromAlias(String text) {
        return Arrays.stream(values()).filter(a -> a.aliasText().equals(text)).findFirst();
    }
}
