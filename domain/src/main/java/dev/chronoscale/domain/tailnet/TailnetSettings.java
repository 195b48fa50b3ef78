package dev.chronoscale.domain.tailnet;

import java.time.Duration;

/**
 * Settings that shape what every node receives. Prefixes are CIDR text or null when that family is
 * disabled; {@code defaultNodeKeyExpiry} null means node keys do not expire by default.
 */
public record TailnetSettings(String ipv4Prefix, String ipv6Prefix, String allocation, boolean magicDns,
                              String baseDomain, Duration defaultNodeKeyExpiry) {
}
