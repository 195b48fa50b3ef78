package dev.chronoscale.domain.policy;

import java.util.List;
import java.util.Optional;

/** An entry of {@code tests}: from {@code src}, each {@code host:port} in accept must be reachable, in deny not. */
public record PolicyTest(String source, Optional<IpProtocol> protocol, List<String> accept, List<String> deny) {

    public PolicyTest {
        accept = List.copyOf(accept);
        deny = List.copyOf(deny);
    }
}
