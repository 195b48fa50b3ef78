package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.net.IpPrefix;

import java.util.List;
import java.util.Map;

/** Who may have routes and exit nodes approved without an administrator. */
public record AutoApprovers(Map<IpPrefix, List<Alias>> routes, List<Alias> exitNode) {

    public static final AutoApprovers NONE = new AutoApprovers(Map.of(), List.of());

    public AutoApprovers {
        routes = Map.copyOf(routes);
        exitNode = List.copyOf(exitNode);
    }
}
