package dev.chronoscale.domain.user;

/**
 * Who set a user's roles. Roles set by an operator (CLI or API) and roles from the identity provider are kept
 * apart: a login replaces only the provider's, and an operator's change only the operator's.
 */
public enum RoleSource {
    CLI("cli"),
    API("api"),
    IDP("idp");

    private final String wireName;

    RoleSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isOperator() {
        return this != IDP;
    }

    public static RoleSource parse(String text) {
        for (RoleSource source : values()) {
            if (source.wireName.equals(text)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown role source '" + text + "'");
    }
}
