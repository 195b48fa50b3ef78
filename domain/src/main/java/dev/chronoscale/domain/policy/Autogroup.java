package dev.chronoscale.domain.policy;

import java.util.Arrays;
import java.util.Optional;

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

    /** Roles exist only once users have roles; Chronoscale users have none yet. */
    public boolean isRole() {
        return switch (this) {
            case ADMIN, OWNER, IT_ADMIN, NETWORK_ADMIN, BILLING_ADMIN, AUDITOR -> true;
            default -> false;
        };
    }

    public static Optional<Autogroup> fromAlias(String text) {
        return Arrays.stream(values()).filter(a -> a.aliasText().equals(text)).findFirst();
    }
}
