package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpSet;
import java.util.List;

/** The address blocks Tailscale's policy semantics refer to. */
public final class AddressSpace {

    public static final IpPrefix CGNAT = IpPrefix.parse("100.64.0.0/10");
    public static final IpPrefix TAILSCALE_ULA = IpPrefix.parse("fd7a:115c:a1e0::/48");

    /** Inside CGNAT, reserved by Tailscale (ChromeOS VM range), never given to nodes and never matched by {@code *}. */
    public static final IpPrefix RESERVED_IN_CGNAT = IpPrefix.parse("100.115.92.0/23");

    /** What {@code *} stands for as a source: every address a node can have. */
    public static final IpSet TAILSCALE_ADDRESSES = IpSet.ofPrefixes(List.of(CGNAT, TAILSCALE_ULA))
            .minus(IpSet.ofPrefixes(List.of(RESERVED_IN_CGNAT)));

    public static final IpSet ALL = IpSet.ofPrefixes(List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0")));

    /** autogroup:internet: public addresses, i.e. everything but private, link-local and Tailscale space. */
    public static final IpSet INTERNET = IpSet.ofPrefixes(List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("2000::/3")))
            .minus(IpSet.ofPrefixes(List.of(
                    IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("172.16.0.0/12"), IpPrefix.parse("192.168.0.0/16"),
                    CGNAT, IpPrefix.parse("169.254.0.0/16"), IpPrefix.parse("fc00::/7"), IpPrefix.parse("fe80::/10"))));

    private AddressSpace() {
    }
}
