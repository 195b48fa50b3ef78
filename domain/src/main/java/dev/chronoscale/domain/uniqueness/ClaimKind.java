package dev.chronoscale.domain.uniqueness;

/** The namespaces in which a value must be unique. Stored by name. */
public enum ClaimKind {
    USER_NAME,
    NODE_NAME,
    NODE_MACHINE_KEY,
    NODE_KEY,
    IPV4,
    IPV6,
    API_KEY_PREFIX,
    PREAUTH_KEY_PREFIX
}
