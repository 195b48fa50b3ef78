package dev.chronoscale.domain.uniqueness;

/** The namespaces in which a value must be unique. Stored by name. */
public enum ClaimKind {
    USER_NAME,
    /** The identity an OIDC provider gives a user: its issuer and subject, Headscale's {@code provider_identifier}. */
    USER_PROVIDER_IDENTIFIER,
    NODE_NAME,
    NODE_MACHINE_KEY,
    NODE_KEY,
    IPV4,
    IPV6,
    API_KEY_PREFIX,
    PREAUTH_KEY_PREFIX
}
