package dev.chronoscale.domain.user;

/** What told the server a user's identity-provider groups; its text is stored in {@code UserGroupsChanged}. */
public enum GroupSource {
    /** The periodic or on-demand sync through the Keycloak Admin API. */
    KEYCLOAK("keycloak"),
    /** The {@code groups} claim of a token from an OIDC login. */
    OIDC_CLAIM("oidc-claim");

    private final String text;

    GroupSource(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
