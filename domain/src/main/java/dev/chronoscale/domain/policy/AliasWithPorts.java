package dev.chronoscale.domain.policy;

import java.util.List;

/** An ACL destination such as {@code tag:web:80,443} or {@code 10.0.0.0/8:*}. */
public record AliasWithPorts(Alias alias, List<PortRange> ports) {

    public AliasWithPorts {
        ports = List.copyOf(ports);
    }
}
