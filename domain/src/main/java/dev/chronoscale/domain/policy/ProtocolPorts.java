package dev.chronoscale.domain.policy;

import java.util.List;

/** One entry of a grant's {@code ip} list, e.g. {@code tcp:443}, {@code 80-90} or {@code *}. */
public record ProtocolPorts(IpProtocol protocol, List<PortRange> ports) {

    public ProtocolPorts {
        ports = List.copyOf(ports);
    }
}
