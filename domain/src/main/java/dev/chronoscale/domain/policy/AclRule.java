package dev.chronoscale.domain.policy;

import java.util.List;

/** An entry of {@code acls}: only {@code accept} exists in Tailscale's language. */
public record AclRule(List<Alias> sources, List<AliasWithPorts> destinations, IpProtocol protocol) {

    public AclRule {
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
    }
}
