package dev.chronoscale.domain.node;

import java.util.Objects;
import java.util.Set;

/**
 * A service a node's client offers its peers, as its Hostinfo lists it ({@code tailcfg.Service}): the peer API on a
 * port of the node's IPv4 ({@code peerapi4}) or IPv6 address ({@code peerapi6}), or DNS through the peer API
 * ({@code peerapi-dns-proxy}, port 1 is its version). Peers reach Taildrop, and an exit node's DNS, there.
 */
public record PeerService(String proto, int port) {

    /** The services of the peer API, the only ones kept of what a client lists. */
    public static final Set<String> PROTOS = Set.of("peerapi4", "peerapi6", "peerapi-dns-proxy");

    public PeerService {
        Objects.requireNonNull(proto, "proto");
    }
}
