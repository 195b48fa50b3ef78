package dev.chronoscale.domain.node;

/** How a node was admitted; names follow Headscale's REGISTER_METHOD_* values. */
public enum RegisterMethod {
    AUTH_KEY,
    CLI,
    OIDC
}
