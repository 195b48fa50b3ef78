package dev.chronoscale.domain.audit;

/** Who can cause a change. Stored by name in every event's metadata. */
public enum ActorType {
    /** An administrator authenticated with an API key; the identity is the key's prefix. */
    API_KEY,
    /** An administrator on the server's own machine using the local unix socket; the identity is the OS user. */
    LOCAL_CLI,
    /** A person authenticated through an OIDC provider; the identity is the subject. */
    OIDC,
    /** A Tailscale node acting for itself; the identity is the node id. */
    NODE,
    /** The server itself (expiry, start-up configuration); the reason says why. */
    SYSTEM,
    /**
     * An import from another control server's database; the identity names the source (for example
     * {@code headscale sqlite:/var/lib/headscale/db.sqlite}) and the reason who ran it.
     */
    IMPORT
}
