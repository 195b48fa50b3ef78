package dev.chronoscale.domain.address;

import java.util.Optional;

/** The tailnet addresses given to one node; either family may be disabled by configuration. */
public record NodeAddresses(Optional<String> ipv4, Optional<String> ipv6) {
}
