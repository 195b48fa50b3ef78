package dev.chronoscale.admin.groups;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach a Keycloak realm's Admin API with a service account (the client credentials grant): the server's base
 * URL (without {@code /realms/...}), the realm, the client and its secret, and how long a request may take.
 */
public record KeycloakDirectorySettings(URI serverUrl, String realm, String clientId, String clientSecret,
                                        Duration timeout) {

    /** {@code <server_url>/realms/<realm>}: the issuer of the realm's tokens, and so of its users' identifiers. */
    public String issuer() {
        String base = serverUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/realms/" + realm;
    }

    /** Without the secret: the record's own form would show it in any log line or message that prints the settings. */
    @Override
    public String toString() {
        return "KeycloakDirectorySettings[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId
                + ", timeout=" + timeout + "]";
    }
}
