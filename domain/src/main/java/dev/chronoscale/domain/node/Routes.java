package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.net.IpPrefix;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Subnet and exit routes ("10.0.0.0/8", "0.0.0.0/0", "::/0"), normalised to network prefixes and sorted. */
public final class Routes {

    private Routes() {
    }

    public static List<String> normalize(Collection<String> routes) {
        TreeSet<String> result = new TreeSet<>();
        for (String route : routes) {
            try {
                IpPrefix prefix = IpPrefix.parseLenient(route);
                if (!route.contains("/")) {
                    throw new IllegalArgumentException("'" + route + "' has no prefix length");
                }
                result.add(prefix.toString());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("route '" + route + "' is invalid: " + e.getMessage());
            }
        }
        return List.copyOf(result);
    }
}
